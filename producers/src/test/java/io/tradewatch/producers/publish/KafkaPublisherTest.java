package io.tradewatch.producers.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.producers.read.InputFormat;
import io.tradewatch.producers.read.ReaderOptions;
import io.tradewatch.schemas.DeadLetterHeaders;
import io.tradewatch.schemas.RecordChecks;
import io.tradewatch.schemas.Topics;
import io.tradewatch.schemas.WireHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaPublisherTest {
  private static final RecordChecks CHECKS =
      new RecordChecks(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC));
  private final Topics topics = Topics.withPrefix("test.");
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final KafkaPublisher publisher = new KafkaPublisher(producer, topics, CHECKS);

  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void recordsTheBrokerLostAreSentAgainAndTheFileCompletes() throws Exception {
    // Given a broker that, back from a restart, refuses the second row as out of order (it lost
    // the batch, kept later ones, and cannot place the client's retries)
    MockProducer<byte[], byte[]> losing =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          private int sends;

          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (++sends == 2) {
              OutOfOrderSequenceException lost =
                  new OutOfOrderSequenceException("the broker lost this batch");
              callback.onCompletion(null, lost);
              return CompletableFuture.failedFuture(lost);
            }
            return super.send(record, callback);
          }
        };
    KafkaPublisher publisher = new KafkaPublisher(losing, topics, CHECKS);
    List<String> notices = new ArrayList<>();
    publisher.onWaiting(notices::add);
    Path file =
        file(
            "trade.csv",
            "source,reporter,partner,flow,period,hs_code,value_usd\n"
                + "KZ-BNS,KAZ,ARM,X,2023-07,2402,1000.00\n"
                + "KZ-BNS,KAZ,ARM,X,2023-08,2402,2000.00\n"
                + "KZ-BNS,KAZ,ARM,X,2023-09,2402,3000.00\n");

    // When the file is published
    PublishReport report = publisher.publish(file, InputFormat.TRADE, ReaderOptions.defaults());

    // Then it completes with every row on the topic once, the lost one sent again after the rest
    assertThat(report.published()).isEqualTo(3);
    List<String> periods =
        losing.history().stream()
            .filter(r -> r.topic().equals("test.trade-records"))
            .map(
                r ->
                    topics
                        .tradeRecords()
                        .valueSerde()
                        .deserializer()
                        .deserialize(r.topic(), r.value())
                        .getRecordKey())
            .toList();
    assertThat(periods)
        .containsExactly(
            "KZ-BNS|KAZ|ARM|X|2023-07|2402",
            "KZ-BNS|KAZ|ARM|X|2023-09|2402",
            "KZ-BNS|KAZ|ARM|X|2023-08|2402");
    assertThat(notices)
        .containsExactly(
            "trade.csv: the broker lost 1 record(s) it had not acknowledged"
                + " (OutOfOrderSequenceException); sending them again");
  }

  @Test
  void publishesGoodRowsKeyedByCountryPairAndStampedWithThePeriodAndDeadLettersBadOnes()
      throws Exception {
    Path file =
        file(
            "trade.csv",
            "source,reporter,partner,flow,period,hs_code,value_usd\n"
                + "KZ-BNS,KAZ,ARM,X,2023-07,2402,1000.00\n"
                + "KZ-BNS,KAZ,ARM,X,2023-07,2402,oops\n"
                + "KZ-BNS,KAZ,ARM,M,2019,TOTAL,5.00\n");

    PublishReport report = publisher.publish(file, InputFormat.TRADE, ReaderOptions.defaults());

    assertThat(report.published()).isEqualTo(2);
    assertThat(report.rejected()).isEqualTo(1);
    assertThat(report.firstRejections())
        .singleElement()
        .satisfies(r -> assertThat(r.line()).isEqualTo(3));
    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    assertThat(sent).hasSize(4);
    ProducerRecord<byte[], byte[]> first = sent.get(0);
    assertThat(first.topic()).isEqualTo("test.trade-records");
    assertThat(utf8(first.key()))
        .as("the unordered country pair, so both reporters' figures share a partition")
        .isEqualTo("ARM|KAZ");
    assertThat(first.timestamp()).isEqualTo(startOf(2023, 7));
    assertThat(first.headers().lastHeader(WireHeaders.PUBLISHED_AT))
        .as("wall-clock publish time, for end-to-end latency")
        .isNotNull();
    assertThat(first.headers().lastHeader(WireHeaders.RELEASE_FOLLOWS))
        .as("a monthly figure announces the release the publisher sends after it")
        .isNotNull();
    TradeRecord decoded =
        topics.tradeRecords().valueSerde().deserializer().deserialize(first.topic(), first.value());
    assertThat(decoded.getValueUsd()).isEqualByComparingTo("1000.00");
    assertThat(decoded.getRecordKey()).isEqualTo("KZ-BNS|KAZ|ARM|X|2023-07|2402");

    ProducerRecord<byte[], byte[]> dead = sent.get(1);
    assertThat(dead.topic()).isEqualTo(topics.deadLetter().name());
    assertThat(utf8(dead.key())).isEqualTo("trade.csv");
    assertThat(header(dead, WireHeaders.LINE)).isEqualTo("3");
    assertThat(header(dead, WireHeaders.FILE)).isEqualTo("trade.csv");
    assertThat(header(dead, DeadLetterHeaders.REASON)).contains("value_usd").contains("oops");
    assertThat(utf8(dead.value())).isEqualTo("KZ-BNS,KAZ,ARM,X,2023-07,2402,oops");

    ProducerRecord<byte[], byte[]> annual = sent.get(2);
    assertThat(utf8(annual.key())).isEqualTo("ARM|KAZ");
    assertThat(annual.timestamp()).isEqualTo(startOf(2019, 1));
    assertThat(annual.headers().lastHeader(WireHeaders.RELEASE_FOLLOWS))
        .as("an annual figure has no monthly release to wait for")
        .isNull();

    ProducerRecord<byte[], byte[]> release = sent.get(3);
    assertThat(release.topic())
        .as("after every figure, the release of the month the file holds (not of the annual one)")
        .isEqualTo("test.releases");
    assertThat(utf8(release.key())).isEqualTo("KZ-BNS|KAZ");
    assertThat(release.timestamp()).isEqualTo(startOf(2023, 8) - 1);
    Release july =
        topics.releases().valueSerde().deserializer().deserialize(release.topic(), release.value());
    assertThat(july.getReleaseKey()).isEqualTo("KZ-BNS|KAZ|2023-07|X|ARM");
    assertThat(july.getFlows()).containsExactly(Flow.X);
    assertThat(july.getPartners()).containsExactly("ARM");
    assertThat(july.getRows()).isEqualTo(1);
    assertThat(producer.flushed()).isTrue();
  }

  @Test
  void publishesFdiByItsSeriesStampedWithTheQuarterStart() throws Exception {
    Path file =
        file(
            "fdi.csv",
            "source,reporter,counterpart,direction,measure,period,value_usd\n"
                + "KZ-NBK,KAZ,ARM,INWARD,GROSS_INFLOW,2023-Q3,6000000.00\n");

    publisher.publish(file, InputFormat.FDI, ReaderOptions.defaults());

    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(sent.topic()).isEqualTo(topics.fdiRecords().name());
    assertThat(utf8(sent.key())).isEqualTo("KZ-NBK|KAZ|ARM|INWARD|GROSS_INFLOW");
    assertThat(sent.timestamp()).isEqualTo(startOf(2023, 7));
    FdiRecord decoded =
        topics.fdiRecords().valueSerde().deserializer().deserialize(sent.topic(), sent.value());
    assertThat(decoded.getQuarter()).isEqualTo(3);
  }

  @Test
  void publishesTargetsByIdStampedWithTheBaseYear() throws Exception {
    Path file =
        file(
            "targets.csv",
            "target_id,name,source,reporter,partner,flow,hs_codes,target_usd,base_year\n"
                + "KZ-ARM-70,Export list,KZ-BNS,KAZ,ARM,X,7202 2710,350000000.00,2023\n");

    publisher.publish(file, InputFormat.TARGETS, ReaderOptions.defaults());

    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(sent.topic()).isEqualTo(topics.targets().name());
    assertThat(utf8(sent.key())).isEqualTo("KZ-ARM-70");
    assertThat(sent.timestamp()).isEqualTo(startOf(2023, 1));
    TargetDefinition decoded =
        topics.targets().valueSerde().deserializer().deserialize(sent.topic(), sent.value());
    assertThat(decoded.getHsCodes()).containsExactly("7202", "2710");
  }

  @Test
  void countsSkippedComtradeRowsByReasonWithoutPublishingThem() throws Exception {
    Path file =
        file(
            "comtrade.csv",
            "reporterISO,partnerISO,partnerCode,customsCode,flowCode,refYear,refMonth,cmdCode,primaryValue\n"
                + "KAZ,ARM,51,C00,X,2023,52,TOTAL,10\n"
                + "KAZ,ARM,51,C01,X,2023,52,TOTAL,10\n"
                + "KAZ,W00,0,C00,X,2023,52,TOTAL,10\n");

    PublishReport report = publisher.publish(file, InputFormat.COMTRADE, ReaderOptions.defaults());

    assertThat(report.published()).isEqualTo(1);
    assertThat(report.rejected()).isZero();
    assertThat(report.skippedTotal()).isEqualTo(2);
    assertThat(report.skipped()).containsKey("partner World (W00) aggregate");
    assertThat(report.summary()).contains("1 published, 0 rejected, 2 skipped");
    assertThat(producer.history()).hasSize(1);
    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(utf8(sent.key())).isEqualTo("ARM|KAZ");
    assertThat(
            topics
                .tradeRecords()
                .valueSerde()
                .deserializer()
                .deserialize(sent.topic(), sent.value())
                .getSource())
        .isEqualTo("UNCOMTRADE-KAZ");
  }

  @Test
  void reportsASendFailureAtTheFlushNamingTheFile() throws Exception {
    MockProducer<byte[], byte[]> failing =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized void flush() {
            while (errorNext(new RecordTooLargeException("too large"))) {
              // fail every pending send, as a broker would
            }
          }
        };
    Path file =
        file(
            "trade.csv",
            "source,reporter,partner,flow,period,hs_code,value_usd\n"
                + "KZ-BNS,KAZ,ARM,X,2023,TOTAL,1.00\n");

    try (KafkaPublisher p = new KafkaPublisher(failing, topics, CHECKS)) {
      assertThatThrownBy(() -> p.publish(file, InputFormat.TRADE, ReaderOptions.defaults()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("trade.csv")
          .hasMessageContaining("too large");
    }
  }

  @Test
  void stopsTheFileWhenKafkaRefusesARecordAtOnce() throws Exception {
    producer.sendException = new TimeoutException("no metadata");
    Path file =
        file(
            "trade.csv",
            "source,reporter,partner,flow,period,hs_code,value_usd\n"
                + "KZ-BNS,KAZ,ARM,X,2023,TOTAL,1.00\n"
                + "KZ-BNS,KAZ,ARM,M,2023,TOTAL,1.00\n");

    assertThatThrownBy(() -> publisher.publish(file, InputFormat.TRADE, ReaderOptions.defaults()))
        .isInstanceOf(KafkaUnavailableException.class)
        .hasMessageContaining("trade.csv")
        .hasMessageContaining("0 of 1 records sent were confirmed, 1 failed")
        .hasMessageContaining("stopped after line 2")
        .hasMessageContaining("no metadata");
  }

  @Test
  void forcesIdempotenceAndAcksAllWithoutTouchingTheCallersProperties() {
    Properties client = new Properties();
    client.put("bootstrap.servers", "kafka:9092");
    client.put("acks", "1");
    client.put("enable.idempotence", "false");
    client.put("security.protocol", "SASL_SSL");
    client.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");

    Properties p = KafkaPublisher.producerProperties(client);

    assertThat(p)
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("bootstrap.servers", "kafka:9092")
        .containsEntry("max.in.flight.requests.per.connection", "1")
        .doesNotContainKey("key.serializer");
    assertThat(client).containsEntry("acks", "1").hasSize(5);
  }

  private static long startOf(int year, int month) {
    return LocalDate.of(year, month, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return utf8(record.headers().lastHeader(name).value());
  }
}
