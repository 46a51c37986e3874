package io.tradewatch.bench;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The floor the topology is compared with: one plain consumer reads the input topic from the
 * beginning, decodes every value with the topology's Avro decoder and sums monthly exports and
 * imports per series and month (HS chapter and TOTAL, as the topology groups them) in a HashMap. No
 * revisions, no HS precedence, no state on disk, no output: decoding and consuming only.
 */
final class Baseline {
  private final Properties clientProperties;
  private final String topic;

  Baseline(Properties clientProperties, String topic) {
    this.clientProperties = clientProperties;
    this.topic = topic;
  }

  /** Sums of one pass: the map itself, so the work cannot be optimised away. */
  private Map<String, BigDecimal[]> sums;

  Measurement run(long expected) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // What Kafka Streams configures for its consumers, so both read in the same batches.
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
    Deserializer<TradeRecord> decoder = Serdes.TRADE_RECORD.deserializer();
    var threads = ManagementFactory.getThreadMXBean();
    try (ResourceMeter meter = new ResourceMeter();
        KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<String, BigDecimal[]> totals = new HashMap<>();
      long count = 0;
      while (!done(consumer, ends)) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          count++;
          add(totals, decoder.deserialize(record.topic(), record.value()));
        }
        if (System.nanoTime() - t0 > Duration.ofMinutes(30).toNanos()) {
          throw new IllegalStateException("baseline did not finish: " + count + " records read");
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (count != expected) {
        throw new IllegalStateException(
            "baseline read " + count + " records, expected " + expected);
      }
      sums = totals;
      return new Measurement(
          count,
          seconds,
          meter.usage((threads.getCurrentThreadCpuTime() - cpu0) / 1e9),
          Measurement.KafkaWrites.NONE);
    }
  }

  int seriesMonths() {
    return sums == null ? 0 : sums.size();
  }

  private static boolean done(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static void add(Map<String, BigDecimal[]> totals, TradeRecord r) {
    if (r.getMonth() == null || (r.getFlow() != Flow.X && r.getFlow() != Flow.M)) {
      return;
    }
    int side = r.getFlow() == Flow.X ? 0 : 1;
    String period = Keys.tradePeriod(r.getYear(), r.getMonth());
    String chapter = Keys.hsChapter(r.getHsCode());
    add(
        totals,
        Keys.join(r.getSource(), r.getReporter(), r.getPartner(), chapter, period),
        side,
        r);
    if (!Keys.TOTAL.equals(chapter)) {
      add(
          totals,
          Keys.join(r.getSource(), r.getReporter(), r.getPartner(), Keys.TOTAL, period),
          side,
          r);
    }
  }

  private static void add(Map<String, BigDecimal[]> totals, String key, int side, TradeRecord r) {
    BigDecimal[] sums =
        totals.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    sums[side] = sums[side].add(r.getValueUsd());
  }
}
