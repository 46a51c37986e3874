package io.tradewatch.streams.topology;

import io.tradewatch.streams.query.FigureCounts;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * An output table kept in the task that computes its figures: each figure is stored under its key
 * (a queryable store, cached and changelogged; readers in the topology see it as a timestamped
 * store, queries as a plain one) and forwarded only when it changed, with its value before. Unlike
 * {@code toTable()} after a key-changing step, nothing is repartitioned: the store's partitions
 * follow the upstream key (the series, or the country pair), which {@link
 * io.tradewatch.streams.query.StoreRouting} tells interactive queries.
 *
 * <p>Under at-least-once a restarted task also sends a figure equal to the stored one when an
 * earlier start stored it (with that value as its value before): a crash may have kept it in the
 * store and lost its output record ({@link StartStamp}).
 *
 * <p>It counts the figures it is given and those it writes ({@link FigureCounts}).
 */
final class FigureTable<V> implements Processor<String, V, String, FigureUpdate<V>> {
  private final String storeName;
  private ProcessorContext<String, FigureUpdate<V>> context;
  private TimestampedKeyValueStore<String, V> figures;
  private StartStamp start;
  private Sensors sensors;

  private FigureTable(String storeName) {
    this.storeName = storeName;
  }

  static <V> ProcessorSupplier<String, V, String, FigureUpdate<V>> supplier(
      String storeName, Serde<String> keySerde, Serde<V> valueSerde) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, V, String, FigureUpdate<V>> get() {
        return new FigureTable<>(storeName);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.timestampedKeyValueStoreBuilder(
                    Stores.persistentTimestampedKeyValueStore(storeName), keySerde, valueSerde)
                .withCachingEnabled());
      }
    };
  }

  @Override
  public void init(ProcessorContext<String, FigureUpdate<V>> context) {
    this.context = context;
    this.figures = context.getStateStore(storeName);
    this.start = StartStamp.of(context.appConfigs());
    this.sensors = Sensors.of(context.metrics(), storeName);
  }

  @Override
  public void process(Record<String, V> record) {
    sensors.computed().record();
    ValueAndTimestamp<V> stored = figures.get(record.key());
    V before = ValueAndTimestamp.getValueOrNull(stored);
    if (Objects.equals(before, record.value()) && !start.writtenBefore(stored)) {
      return;
    }
    figures.put(record.key(), start.stamp(record.value()));
    sensors.written().record();
    if (stored != null) {
      sensors.rewritten().record();
    }
    context.forward(record.withValue(new FigureUpdate<>(before, record.value())));
  }

  /** The counters of one table on the calling stream thread (shared by its tasks). */
  private record Sensors(Sensor computed, Sensor written, Sensor rewritten) {
    static Sensors of(StreamsMetrics metrics, String table) {
      return new Sensors(
          sensor(metrics, table, FigureCounts.COMPUTED),
          sensor(metrics, table, FigureCounts.WRITTEN),
          sensor(metrics, table, FigureCounts.REWRITTEN));
    }

    private static Sensor sensor(StreamsMetrics metrics, String table, String operation) {
      return metrics.addRateTotalSensor(
          FigureCounts.SCOPE, table, operation, Sensor.RecordingLevel.INFO);
    }
  }
}
