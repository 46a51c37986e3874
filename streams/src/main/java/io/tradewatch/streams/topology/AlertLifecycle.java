package io.tradewatch.streams.topology;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.AlertState;
import io.tradewatch.schemas.Serdes;
import java.util.Set;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns candidate alerts into events: RAISED once when a condition starts to hold, CLEARED once
 * when it stops, nothing while it stays the same (no repeats on every update). Keyed by alert id.
 * Each event is also logged. Under at-least-once a restarted task sends an alert's state an earlier
 * start stored again as an event at its first candidate: a crash may have kept the state in the
 * store and lost its event ({@link StartStamp}).
 */
final class AlertLifecycle implements FixedKeyProcessor<String, Alert, AlertLifecycle.Change> {
  /**
   * An alert's latest state: an {@code event} when it was raised or cleared now, otherwise a quiet
   * update of the figures of an alert that stays raised.
   */
  record Change(Alert alert, boolean event) {}

  static final String STATES = "alert-states";
  private static final Logger LOG = LoggerFactory.getLogger("io.tradewatch.alerts");

  private FixedKeyProcessorContext<String, Change> context;
  private TimestampedKeyValueStore<String, Alert> states;
  private StartStamp start;

  static FixedKeyProcessorSupplier<String, Alert, Change> supplier() {
    return new FixedKeyProcessorSupplier<>() {
      @Override
      public FixedKeyProcessor<String, Alert, Change> get() {
        return new AlertLifecycle();
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.timestampedKeyValueStoreBuilder(
                    Stores.persistentTimestampedKeyValueStore(STATES), Serdes.STRING, Serdes.ALERT)
                .withCachingEnabled());
      }
    };
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Change> context) {
    this.context = context;
    this.states = context.getStateStore(STATES);
    this.start = StartStamp.of(context.appConfigs());
  }

  @Override
  public void process(FixedKeyRecord<String, Alert> record) {
    Alert candidate = record.value();
    ValueAndTimestamp<Alert> stored = states.get(record.key());
    Alert current = ValueAndTimestamp.getValueOrNull(stored);
    boolean raised = current != null && current.getState() == AlertState.RAISED;
    boolean holds = candidate.getState() == AlertState.RAISED;
    if (holds != raised) {
      states.put(record.key(), start.stamp(candidate));
      LOG.info(
          "{} {} [{}]: {}",
          candidate.getState(),
          candidate.getSeverity(),
          candidate.getAlertId(),
          candidate.getMessage());
      context.forward(record.withValue(new Change(candidate, true)));
    } else if (holds && !candidate.equals(current)) {
      // Still raised, with other figures: the open-alerts table shows them, no new event (but
      // for a resend, below).
      states.put(record.key(), start.stamp(candidate));
      context.forward(record.withValue(new Change(candidate, start.writtenBefore(stored))));
    } else if (start.writtenBefore(stored)) {
      // Under at-least-once, the first candidate of an alert an earlier start stored: a crash may
      // have kept the state an earlier candidate set and lost its event, so the state is an event
      // again.
      states.put(record.key(), start.stamp(current));
      context.forward(record.withValue(new Change(current, true)));
    }
  }
}
