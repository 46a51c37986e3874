package io.tradewatch.streams.topology;

import io.tradewatch.streams.query.StoreRouting;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Checks each input record's fields and its message key. The key matters: every revision of a
 * figure must reach the same partition for the latest-revision rule to hold, so a record keyed
 * differently from {@code expectedKey} is rejected rather than silently mis-aggregated.
 *
 * <p>For a topic whose records are computed in the task of their key's partition (trade records:
 * every figure of a country pair in one task), the partition is checked too, when the application
 * knows how many the topic has ({@link TradewatchTopology#TRADE_PARTITIONS_CONFIG}): a record that
 * a producer with another partitioner sent elsewhere would be summed apart from the rest of its
 * pair, and two tasks would write conflicting figures under the same output keys.
 */
final class InputChecks<T> implements FixedKeyProcessor<String, T, Checked<T>> {
  private final Function<T, Optional<String>> check;
  private final Function<T, String> expectedKey;
  private final String partitionedTopic;
  private FixedKeyProcessorContext<String, Checked<T>> context;

  /** The partitions of {@link #partitionedTopic}; 0 when unknown (not checked). */
  private int partitions;

  InputChecks(Function<T, Optional<String>> check, Function<T, String> expectedKey) {
    this(check, expectedKey, null);
  }

  /**
   * @param partitionedTopic the topic whose records must be on their key's partition under Kafka's
   *     default partitioner, or null
   */
  InputChecks(
      Function<T, Optional<String>> check,
      Function<T, String> expectedKey,
      String partitionedTopic) {
    this.check = check;
    this.expectedKey = expectedKey;
    this.partitionedTopic = partitionedTopic;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Checked<T>> context) {
    this.context = context;
    Object configured = context.appConfigs().get(TradewatchTopology.TRADE_PARTITIONS_CONFIG);
    this.partitions =
        partitionedTopic == null || configured == null
            ? 0
            : Integer.parseInt(configured.toString());
  }

  @Override
  public void process(FixedKeyRecord<String, T> record) {
    T value = record.value();
    if (value == null) {
      // A tombstone has no figure to retract: figures are replaced by revisions, never deleted.
      reject(record, null, "null value (tombstone); figures are revised, never deleted");
      return;
    }
    Optional<String> problem = check.apply(value);
    if (problem.isEmpty() && !Objects.equals(record.key(), expectedKey.apply(value))) {
      problem =
          Optional.of(
              "message key '"
                  + record.key()
                  + "' is not the expected key '"
                  + expectedKey.apply(value)
                  + "'");
    }
    if (problem.isEmpty()) {
      problem = misplaced(record.key());
    }
    if (problem.isPresent()) {
      reject(record, value, problem.get());
    } else {
      context.forward(record.withValue(Checked.ok(value)));
    }
  }

  /** Why a record keyed {@code key} is on another partition than its key's, if it is. */
  private Optional<String> misplaced(String key) {
    RecordMetadata from = context.recordMetadata().orElse(null);
    if (partitions == 0 || from == null || !from.topic().equals(partitionedTopic)) {
      return Optional.empty();
    }
    int expected = StoreRouting.keyPartition(key, partitions);
    if (from.partition() == expected) {
      return Optional.empty();
    }
    return Optional.of(
        "on partition "
            + from.partition()
            + ", but Kafka's default partitioner puts message key '"
            + key
            + "' on partition "
            + expected
            + " of "
            + partitions
            + ": publish with the default partitioner, or the pair's figures are summed apart");
  }

  private void reject(FixedKeyRecord<String, T> record, T value, String reason) {
    DeadLetters.describe(
        record.headers(), context.recordMetadata().orElse(null), "invalid-record", reason);
    context.forward(record.withValue(Checked.rejected(value, reason)));
  }
}
