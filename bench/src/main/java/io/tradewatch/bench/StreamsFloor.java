package io.tradewatch.bench;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.schemas.Topic;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The least a Kafka Streams application does for the baseline's job: the same monthly sums (exports
 * and imports per series and month, in the HS chapter and in TOTAL), through one repartition by
 * series-month and one aggregate in a RocksDB store with its record cache and changelog, so that
 * they survive a crash and can be queried. No revision handling, checks, outputs or alerts. Drained
 * next to the full topology, it separates what Kafka Streams itself costs from what tradewatch adds
 * on top.
 */
final class StreamsFloor {
  static final String STORE = "floor-monthly-sums";

  /** Exact decimal text: the sums stay {@code BigDecimal} end to end, like the baseline's. */
  static final Serde<BigDecimal> DECIMAL =
      org.apache.kafka.common.serialization.Serdes.serdeFrom(
          (topic, value) ->
              value == null ? null : value.toPlainString().getBytes(StandardCharsets.UTF_8),
          (topic, bytes) ->
              bytes == null ? null : new BigDecimal(new String(bytes, StandardCharsets.UTF_8)));

  private StreamsFloor() {}

  static Topology topology(Topic<String, TradeRecord> input) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            input.name(),
            Consumed.with(input.keySerde(), input.valueSerde()).withName("floor-input"))
        .flatMap((key, r) -> monthlyParts(r), Named.as("floor-to-series-months"))
        .groupByKey(Grouped.with(Serdes.STRING, DECIMAL).withName("floor-by-series-month"))
        .reduce(
            BigDecimal::add,
            Named.as("floor-sum"),
            Materialized.<String, BigDecimal, KeyValueStore<Bytes, byte[]>>as(STORE)
                .withKeySerde(Serdes.STRING)
                .withValueSerde(DECIMAL));
    return builder.build();
  }

  /**
   * What a record adds, keyed {@code source|reporter|partner|group|YYYY-MM|flow}: monthly exports
   * and imports only, as the baseline counts them.
   */
  static List<KeyValue<String, BigDecimal>> monthlyParts(TradeRecord r) {
    if (r.getMonth() == null || (r.getFlow() != Flow.X && r.getFlow() != Flow.M)) {
      return List.of();
    }
    String period = Keys.tradePeriod(r.getYear(), r.getMonth());
    String chapter = Keys.hsChapter(r.getHsCode());
    List<KeyValue<String, BigDecimal>> parts = new ArrayList<>(2);
    for (String group :
        Keys.TOTAL.equals(chapter) ? List.of(chapter) : List.of(chapter, Keys.TOTAL)) {
      parts.add(
          KeyValue.pair(
              Keys.join(r.getSource(), r.getReporter(), r.getPartner(), group, period, r.getFlow()),
              r.getValueUsd()));
    }
    return parts;
  }
}
