package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Alert;
import io.tradewatch.schemas.Serdes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.InternalFixedKeyRecordFactory;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Alert events: once when a condition starts or stops holding; under at-least-once a restarted task
 * also sends an alert's state again at its first candidate, which a crash may have kept in the
 * store while its event was lost.
 */
class AlertLifecycleTest {
  private static final String ID = "yoy-above-ten|S|R|P|TOTAL|2023";

  @Test
  void givenAtLeastOnce_whenARestartedTaskSeesAnAlertUnchanged_thenItsStateIsAnEventOnce() {
    // Given an alert raised by an earlier instance of the task, under at-least-once
    Task task = new Task(StreamsConfig.AT_LEAST_ONCE);
    task.start().process(candidate(true, 15));

    // When a restarted instance reads the same candidate twice, then the condition stops holding
    FixedKeyProcessor<String, Alert, AlertLifecycle.Change> restarted = task.start();
    restarted.process(candidate(true, 15));
    restarted.process(candidate(true, 15));
    restarted.process(candidate(false, 5));

    // Then the raise is an event again once, and the clearing an event
    assertThat(task.events()).containsExactly("RAISED 15", "CLEARED 5");
  }

  @Test
  void givenAtLeastOnce_whenARestartedTaskSeesAnAlertStillRaisedWithOtherFigures_thenOneEvent() {
    // Given an alert raised by an earlier instance of the task, under at-least-once
    Task task = new Task(StreamsConfig.AT_LEAST_ONCE);
    task.start().process(candidate(true, 15));

    // When a restarted instance reads it still raised, with other figures, twice
    FixedKeyProcessor<String, Alert, AlertLifecycle.Change> restarted = task.start();
    restarted.process(candidate(true, 16));
    restarted.process(candidate(true, 17));

    // Then the first is an event (the raise may have been lost), the second a quiet update
    assertThat(task.events()).containsExactly("RAISED 16");
  }

  @Test
  void givenExactlyOnce_whenARestartedTaskSeesAnAlertUnchanged_thenNothingIsSent() {
    Task task = new Task(StreamsConfig.EXACTLY_ONCE_V2);
    task.start().process(candidate(true, 15));

    FixedKeyProcessor<String, Alert, AlertLifecycle.Change> restarted = task.start();
    restarted.process(candidate(true, 15));
    restarted.process(candidate(true, 16));
    restarted.process(candidate(false, 5));

    assertThat(task.events()).containsExactly("CLEARED 5");
  }

  private static FixedKeyRecord<String, Alert> candidate(boolean raised, int observed) {
    return InternalFixedKeyRecordFactory.create(
        new Record<>(ID, AlertCandidatesTest.alert(ID, raised, observed), 0L));
  }

  /**
   * A task's alert-state store, and instances of the lifecycle started on it, each as after a
   * restart.
   */
  private static final class Task {
    final TimestampedKeyValueStore<String, Alert> states;
    final Map<String, Object> config;
    List<AlertLifecycle.Change> sent = new ArrayList<>();

    Task(String guarantee) {
      config = Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
      states = TestStores.timestamped(AlertLifecycle.STATES, Serdes.ALERT);
    }

    FixedKeyProcessor<String, Alert, AlertLifecycle.Change> start() {
      sent = new ArrayList<>();
      FixedKeyProcessor<String, Alert, AlertLifecycle.Change> lifecycle =
          AlertLifecycle.supplier().get();
      lifecycle.init(
          CapturingFixedKeyContext.of(Map.of(AlertLifecycle.STATES, states), config, sent));
      return lifecycle;
    }

    /** The events the latest instance sent, as state and observed value. */
    List<String> events() {
      return sent.stream()
          .filter(AlertLifecycle.Change::event)
          .map(c -> c.alert().getState() + " " + c.alert().getObserved().intValue())
          .toList();
    }
  }
}
