package io.tradewatch.streams.topology;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Checks each input record's fields and its message key. The key matters: every revision of a
 * figure must reach the same partition for the latest-revision rule to hold, so a record keyed
 * differently from {@code expectedKey} is rejected rather than silently mis-aggregated.
 */
final class InputChecks<T> implements FixedKeyProcessor<String, T, Checked<T>> {
  private final Function<T, Optional<String>> check;
  private final Function<T, String> expectedKey;
  private FixedKeyProcessorContext<String, Checked<T>> context;

  InputChecks(Function<T, Optional<String>> check, Function<T, String> expectedKey) {
    this.check = check;
    this.expectedKey = expectedKey;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Checked<T>> context) {
    this.context = context;
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
    if (problem.isPresent()) {
      reject(record, value, problem.get());
    } else {
      context.forward(record.withValue(Checked.ok(value)));
    }
  }

  private void reject(FixedKeyRecord<String, T> record, T value, String reason) {
    DeadLetters.describe(
        record.headers(), context.recordMetadata().orElse(null), "invalid-record", reason);
    context.forward(record.withValue(Checked.rejected(value, reason)));
  }
}
