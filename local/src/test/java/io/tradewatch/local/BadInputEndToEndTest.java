package io.tradewatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Frequency;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.broker.KafkaBrokerExtension;
import io.tradewatch.dashboard.DashboardSettings;
import io.tradewatch.local.report.OutputSnapshot;
import io.tradewatch.local.run.ClusterConnection;
import io.tradewatch.local.run.LocalPipeline;
import io.tradewatch.schemas.DeadLetterHeaders;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Releases;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.query.StoreRouting;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input is never fatal: bytes that are not our Avro, unknown schema fingerprints, truncated
 * records, semantically invalid records and valid records a producer put on another partition than
 * their key's go to the dead-letter topic with headers saying where they came from and why; the
 * good records mixed with them, each with a key of its own, all reach the outputs. 10 000 bad
 * records of nine kinds.
 */
class BadInputEndToEndTest {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  /** The issue asks for at least 10 000 bad records, mixed with good ones. */
  static final int BAD_RECORDS = 10_000;

  private static final int PARTITIONS = 3;

  /** The message key of the records that fail their checks before the key is looked at. */
  private static final byte[] BAD_KEY = "FUZZ|KAZ|ARM|24".getBytes(StandardCharsets.UTF_8);

  private static TradeRecord record(String partner, Flow flow, int year, int month, String usd) {
    return TradeRecord.newBuilder()
        .setRecordKey(Keys.tradeRecordKey("FUZZ", "KAZ", partner, flow.name(), year, month, "2402"))
        .setRevision(1)
        .setSource("FUZZ")
        .setReporter("KAZ")
        .setPartner(partner)
        .setFlow(flow)
        .setFrequency(Frequency.M)
        .setYear(year)
        .setMonth(month)
        .setHsCode("2402")
        .setHsLevel(4)
        .setValueUsd(new BigDecimal(usd))
        .build();
  }

  @Test
  void randomBadRecordsGoToDeadLettersAndEveryGoodOneReachesTheOutputs() throws Exception {
    Random random = new Random(11);
    List<ProducerRecord<byte[], byte[]>> sends = new ArrayList<>();
    // What each bad send must become on the dead-letter topic, by its index in sends
    Map<Integer, Expected> expected = new HashMap<>();
    Map<String, Expected> expectedAt = new HashMap<>();
    Map<String, BigDecimal> goodByMonth = new HashMap<>();
    Releases released = new Releases();
    int bad = 0;
    try (LocalPipeline pipeline =
        LocalPipeline.start(
            new ClusterConnection(KAFKA.bootstrapServers(), Map.of()),
            KAFKA.uniqueAppId("fuzz"),
            KAFKA.uniqueTopics().prefix(),
            PARTITIONS,
            s -> s,
            DashboardSettings.of("127.0.0.1", 0))) {
      Topics topics = pipeline.topics();
      String topic = topics.tradeRecords().name();
      byte[] valid = Serdes.TRADE_RECORD.serialize(topic, record("ARM", Flow.X, 2020, 1, "1.00"));
      List<String> partners = List.of("ARM", "RUS", "CHN", "DEU", "TUR", "USA", "GEO", "UZB");
      while (bad < BAD_RECORDS) {
        int kind = random.nextInt(10);
        byte[] value = null;
        TradeRecord r = null;
        switch (kind) {
          case 0 -> { // not Avro at all
            value = new byte[1 + random.nextInt(40)];
            random.nextBytes(value);
          }
          case 1 -> { // our header, an unknown schema fingerprint
            value = valid.clone();
            for (int b = 2; b < 10; b++) {
              value[b] = (byte) random.nextInt();
            }
          }
          case 2 -> value = Arrays.copyOf(valid, 3 + random.nextInt(valid.length - 4)); // truncated
          case 3 -> r = record("XXX", Flow.X, 2020, 1 + random.nextInt(12), "5.00"); // country
          case 4 -> r = record("ARM", Flow.X, 2031, 1, "5.00"); // future period
          case 5 -> r = record("ARM", Flow.UNKNOWN, 2020, 2, "5.00"); // unknown flow
          case 6 -> r = record("ARM", Flow.X, 1985, 3, "5.00"); // before 1990
          case 7 -> r = record("ARM", Flow.M, 2020, 4, "-5.00"); // negative trade value
          case 9 -> r = record("KGZ", Flow.X, 2020, 1 + random.nextInt(12), "5.00"); // misplaced
          default -> r = null;
        }
        if (kind == 8) {
          String partner = partners.get(random.nextInt(partners.size()));
          int year = 2000 + random.nextInt(24);
          int month = 1 + random.nextInt(12);
          String usd = (1 + random.nextInt(1000)) + ".25";
          // Only the latest revision counts: publish each series-month once, as revision 1.
          String seriesMonth = Keys.join(partner, Keys.tradePeriod(year, month));
          if (goodByMonth.containsKey(seriesMonth)) {
            continue;
          }
          goodByMonth.put(seriesMonth, new BigDecimal(usd));
          TradeRecord good = record(partner, Flow.X, year, month, usd);
          released.add(good);
          sends.add(
              new ProducerRecord<>(
                  topic,
                  Keys.tradeMessageKey(good).getBytes(StandardCharsets.UTF_8),
                  Serdes.TRADE_RECORD.serialize(topic, good)));
          continue;
        }
        if (r != null) {
          value = Serdes.TRADE_RECORD.serialize(topic, r);
        } else if (kind > 2) {
          continue;
        } else {
          value = value == null ? new byte[0] : value;
        }
        if (kind == 9) {
          // A valid record on another partition than Kafka's default partitioner gives its key
          String key = Keys.tradeMessageKey(r);
          int partition = (StoreRouting.keyPartition(key, PARTITIONS) + 1) % PARTITIONS;
          expected.put(sends.size(), Expected.misplaced(key, partition, value));
          sends.add(
              new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8), value));
        } else {
          expected.put(sends.size(), Expected.of(kind, topic, value, r));
          sends.add(new ProducerRecord<>(topic, BAD_KEY, value));
        }
        bad++;
      }
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              pipeline.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
        List<Future<RecordMetadata>> written = new ArrayList<>();
        sends.forEach(send -> written.add(producer.send(send)));
        producer.flush();
        for (Map.Entry<Integer, Expected> e : expected.entrySet()) {
          RecordMetadata at = written.get(e.getKey()).get();
          expectedAt.put(at.partition() + "@" + at.offset(), e.getValue());
        }
        // The good figures' months, released as the producers do after a file.
        String releases = topics.releases().name();
        for (Release r : released.releases()) {
          producer.send(
              new ProducerRecord<>(
                  releases,
                  Keys.releaseMessageKey(r).getBytes(StandardCharsets.UTF_8),
                  Serdes.RELEASE.serialize(releases, r)));
        }
      }

      OutputSnapshot outputs = pipeline.awaitOutputs(Duration.ofMinutes(6), remaining -> {});
      List<ConsumerRecord<byte[], byte[]>> dead =
          RawRecords.readAll(
              pipeline.clientProperties(), topics.deadLetter().name(), "read_committed");

      assertThat(pipeline.app().streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
      // Then every bad record is on the dead-letter topic once, as it was sent: its key and value
      // byte for byte, headers naming its topic, partition and offset, what rejected it and why
      assertThat(dead).hasSize(bad);
      Map<String, ConsumerRecord<byte[], byte[]>> deadAt = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> d : dead) {
        assertThat(header(d, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
        // ... stamped when written, not with their period, which retention would delete at once
        assertThat(d.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        deadAt.put(
            header(d, DeadLetterHeaders.SOURCE_PARTITION)
                + "@"
                + header(d, DeadLetterHeaders.SOURCE_OFFSET),
            d);
      }
      assertThat(deadAt.keySet()).isEqualTo(expectedAt.keySet());
      Map<String, Integer> byCheck = new TreeMap<>();
      expectedAt.forEach(
          (at, e) -> {
            ConsumerRecord<byte[], byte[]> d = deadAt.get(at);
            assertThat(d.key()).as(at).isEqualTo(e.key());
            assertThat(d.value()).as(at).isEqualTo(e.value());
            assertThat(header(d, DeadLetterHeaders.CHECK)).as(at).isEqualTo(e.check());
            if (e.exact()) {
              assertThat(header(d, DeadLetterHeaders.MESSAGE)).as(at).isEqualTo(e.message());
            } else {
              assertThat(header(d, DeadLetterHeaders.MESSAGE)).as(at).startsWith(e.message());
            }
            byCheck.merge(e.metricReason(), 1, Integer::sum);
          });
      assertThat(byCheck).containsOnlyKeys("invalid-record", "SerializationException");
      // ... and the dashboard's /metrics counts them by reason
      String dashboard = pipeline.dashboardUrl();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                String metrics = get(dashboard + "/metrics");
                byCheck.forEach(
                    (reason, count) ->
                        assertThat(metrics)
                            .contains(
                                "tradewatch_records_rejected_total{reason=\""
                                    + reason
                                    + "\"} "
                                    + count
                                    + ".0"));
              });
      assertThat(goodByMonth).hasSizeGreaterThan(BAD_RECORDS / 20);
      for (Map.Entry<String, BigDecimal> good : goodByMonth.entrySet()) {
        String[] partnerMonth = good.getKey().split("\\|");
        String key = Keys.join("FUZZ", "KAZ", partnerMonth[0], "TOTAL", partnerMonth[1]);
        assertThat(outputs.monthly(topics, key)).as(key).isNotNull();
        assertThat(outputs.monthly(topics, key).getExportsUsd())
            .as(key)
            .isEqualByComparingTo(good.getValue());
      }
    }
  }

  /**
   * What a bad record must become: its bytes, the check or exception that rejects it and the reason
   * (exact, or for bytes that do not decode the part that does not quote Avro's own message).
   */
  private record Expected(byte[] key, byte[] value, String check, String message, boolean exact) {
    Expected(byte[] value, String check, String message, boolean exact) {
      this(BAD_KEY, value, check, message, exact);
    }

    static Expected misplaced(String key, int partition, byte[] value) {
      return new Expected(
          key.getBytes(StandardCharsets.UTF_8),
          value,
          "invalid-record",
          "on partition "
              + partition
              + ", but Kafka's default partitioner puts message key '"
              + key
              + "' on partition "
              + StoreRouting.keyPartition(key, PARTITIONS)
              + " of "
              + PARTITIONS
              + ": publish with the default partitioner, or the pair's figures are summed apart",
          true);
    }

    static Expected of(int kind, String topic, byte[] value, TradeRecord r) {
      return switch (kind) {
        case 0, 1, 2 ->
            new Expected(
                value,
                "org.apache.kafka.common.errors.SerializationException",
                "Cannot decode TradeRecord from topic " + topic + " (" + value.length + " bytes): ",
                false);
        case 3 ->
            new Expected(
                value, "invalid-record", "partner 'XXX' is not an ISO 3166 alpha-3 code", true);
        case 4 -> new Expected(value, "invalid-record", "period 2031 is in the future", true);
        case 5 ->
            new Expected(
                value,
                "invalid-record",
                "flow is UNKNOWN (expected one of X, M, RX, RM, ...)",
                true);
        case 6 -> new Expected(value, "invalid-record", "period 1985 is before 1990", true);
        case 7 ->
            new Expected(
                value,
                "invalid-record",
                "valueUsd " + r.getValueUsd() + " is negative; trade values cannot be",
                true);
        default -> throw new IllegalArgumentException("kind " + kind);
      };
    }

    /** The reason tag /metrics counts it under. */
    String metricReason() {
      return check.substring(check.lastIndexOf('.') + 1);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
