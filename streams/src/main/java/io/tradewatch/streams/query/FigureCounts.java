package io.tradewatch.streams.query;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * How many figures each output table computed and how many of them it wrote, as the topology
 * records them in Kafka Streams metrics (group {@value #GROUP}, tag {@value #TABLE_TAG} the table's
 * store name, per stream thread): a change recomputes every figure that may depend on it, and the
 * table writes only those that differ from what it holds. Computed over written says how much of
 * the emission's work produced nothing, which is what a faster emission would have to avoid.
 * Exported with the other Kafka Streams metrics (JMX, and the dashboard's {@code /metrics}).
 */
public final class FigureCounts {
  /** The scope the metrics are registered under; their group is {@value #GROUP}. */
  public static final String SCOPE = "tradewatch-figure-table";

  /** The metrics group (Kafka Streams names a custom scope's group so). */
  public static final String GROUP = "stream-" + SCOPE + "-metrics";

  /** The tag naming the table (its store's name). */
  public static final String TABLE_TAG = SCOPE + "-id";

  /** Figures computed, {@code figures-computed-total} and {@code -rate}. */
  public static final String COMPUTED = "figures-computed";

  /**
   * Figures written: changed, first of their key, or (under at-least-once) sent again by a
   * restarted task; {@code figures-written-total} and {@code -rate}.
   */
  public static final String WRITTEN = "figures-written";

  /**
   * Of the figures written, those written over a figure the table held, {@code
   * figures-rewritten-total} and {@code -rate}; the others are the first figure of their key.
   */
  public static final String REWRITTEN = "figures-rewritten";

  private FigureCounts() {}

  /** A table's counts, summed over stream threads. */
  public record Counts(long computed, long written, long rewritten) {
    /** The counts of this and another (another thread's, or another instance's). */
    public Counts plus(Counts other) {
      return new Counts(
          computed + other.computed, written + other.written, rewritten + other.rewritten);
    }
  }

  /**
   * The counts of every table found among a Kafka Streams client's metrics ({@code
   * KafkaStreams#metrics()}), by table name, summed over its threads.
   */
  public static Map<String, Counts> totals(Map<MetricName, ? extends Metric> metrics) {
    Map<String, Counts> totals = new TreeMap<>();
    metrics.forEach(
        (name, metric) -> {
          if (!GROUP.equals(name.group()) || !name.tags().containsKey(TABLE_TAG)) {
            return;
          }
          long value = ((Number) metric.metricValue()).longValue();
          Counts counts =
              switch (name.name()) {
                case COMPUTED + "-total" -> new Counts(value, 0, 0);
                case WRITTEN + "-total" -> new Counts(0, value, 0);
                case REWRITTEN + "-total" -> new Counts(0, 0, value);
                default -> null;
              };
          if (counts != null) {
            totals.merge(name.tags().get(TABLE_TAG), counts, Counts::plus);
          }
        });
    return totals;
  }
}
