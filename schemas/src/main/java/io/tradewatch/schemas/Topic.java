package io.tradewatch.schemas;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with the serdes of its key and value: the only way code in this project names a
 * topic.
 *
 * @param name the full topic name, prefix included
 * @param keySerde serde of the record key
 * @param valueSerde serde of the record value
 * @param description what the topic carries, for the README and {@code --help}
 * @param configs topic configs to create it with (retention, compaction)
 */
public record Topic<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    String description,
    Map<String, String> configs) {
  /**
   * A {@code segment.ms} of 1000 years: segments roll by size only. The broker rolls a new log
   * segment whenever a batch's timestamps lie more than {@code segment.ms} (7 days by default)
   * after the segment's first; with period timestamps that is nearly every batch of a history, and
   * each roll creates new index files.
   */
  public static final String SEGMENT_MS_NEVER_BY_TIME =
      Long.toString(Duration.ofDays(365L * 1000).toMillis());

  /**
   * Records carry the start of their statistical period as timestamp (2005 for a 2005 figure), so
   * time-based retention would delete them at once: inputs are kept for ever (they are what a
   * replay reads, revisions included), and roll segments by size.
   */
  static final Map<String, String> KEEP_FOREVER =
      Map.of("retention.ms", "-1", "segment.ms", SEGMENT_MS_NEVER_BY_TIME);

  /**
   * Outputs keep the latest value per key, for ever; segments roll by size (64 MiB, so that
   * compaction, which never touches the active segment, gets to work).
   */
  static final Map<String, String> LATEST_PER_KEY =
      Map.of(
          "cleanup.policy",
          "compact",
          "retention.ms",
          "-1",
          "segment.ms",
          SEGMENT_MS_NEVER_BY_TIME,
          "segment.bytes",
          Integer.toString(64 << 20));

  /**
   * Dead letters are stamped by the broker when written ({@code LogAppendTime}), and age out after
   * the default retention. A rejected record keeps its own timestamp otherwise, the start of its
   * statistical period, years back: time-based retention would delete it as soon as its segment
   * rolled, which a later period's timestamp makes happen at once.
   */
  static final Map<String, String> STAMPED_WHEN_WRITTEN =
      Map.of("message.timestamp.type", "LogAppendTime");

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    configs = Map.copyOf(configs);
  }

  @Override
  public String toString() {
    return name;
  }
}
