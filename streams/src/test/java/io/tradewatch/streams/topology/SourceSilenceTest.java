package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.internal.SeriesActivity;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.streams.domain.alerts.AlertRule;
import io.tradewatch.streams.domain.alerts.AlertSeverity;
import io.tradewatch.streams.domain.alerts.RuleBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.InternalFixedKeyRecordFactory;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The silence rule judges a source-reporter when its releases move on; under at-least-once a
 * restarted task judges a repeated activity again and visits every silent series once, since a
 * crash may have kept what an activity changed in the stores and lost the candidates it sent.
 */
class SourceSilenceTest {
  private static final String KAZ = "KZ-BNS|KAZ|*|TOTAL";
  private static final String ARM = "AM-STAT|ARM|*|TOTAL";

  @Test
  void givenAtLeastOnce_whenARestartedTaskReadsAnActivityAgain_thenTheSilentAreJudgedAgainOnce() {
    // Given releases of two reporters in January, then of KAZ in May (ARM silent since January)
    Task task = new Task(StreamsConfig.AT_LEAST_ONCE);
    armSilentSinceJanuary(task);
    assertThat(task.judged()).containsExactly("KAZ CLEARED", "ARM RAISED");

    // When a restarted task reads KAZ's May release again, twice
    FixedKeyProcessor<String, SeriesActivity, List<Alert>> restarted = task.start();
    restarted.process(activity(KAZ, 5));
    List<String> afterRestart = task.judged();
    restarted.process(activity(KAZ, 5));

    // Then both are judged again once
    assertThat(afterRestart).containsExactly("KAZ CLEARED", "ARM RAISED");
    assertThat(task.judged()).isEmpty();
  }

  @Test
  void givenExactlyOnce_whenARestartedTaskReadsAnActivityAgain_thenNothingIsJudged() {
    Task task = new Task(StreamsConfig.EXACTLY_ONCE_V2);
    armSilentSinceJanuary(task);

    task.start().process(activity(KAZ, 5));

    assertThat(task.judged()).isEmpty();
  }

  private static org.apache.kafka.streams.processor.api.FixedKeyRecord<String, SeriesActivity>
      activity(String series, int month) {
    return InternalFixedKeyRecordFactory.create(
        new Record<>(SourceSilence.ALL, new SeriesActivity(series, 2023, month), 0L));
  }

  /** Releases of both reporters in January, then of KAZ in May, read by a started instance. */
  private static void armSilentSinceJanuary(Task task) {
    FixedKeyProcessor<String, SeriesActivity, List<Alert>> first = task.start();
    first.process(activity(KAZ, 1));
    first.process(activity(ARM, 1));
    first.process(activity(KAZ, 5));
  }

  /** A task's stores, and instances of the rule started on them, each as after a restart. */
  private static final class Task {
    final RuleBook rules =
        new RuleBook(List.of(new AlertRule.Silence("source-silent", AlertSeverity.WARNING, 3)));
    final Map<String, Object> config;
    final Map<String, StateStore> stores =
        Map.of(
            SourceSilence.LAST_PERIODS,
                TestStores.timestamped(SourceSilence.LAST_PERIODS, Serdes.SERIES_ACTIVITY),
            SourceSilence.BY_LAST_PERIOD,
                TestStores.inMemory(SourceSilence.BY_LAST_PERIOD, Serdes.SERIES_ACTIVITY));
    List<List<Alert>> sent = new ArrayList<>();

    Task(String guarantee) {
      config = Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    }

    FixedKeyProcessor<String, SeriesActivity, List<Alert>> start() {
      sent = new ArrayList<>();
      FixedKeyProcessor<String, SeriesActivity, List<Alert>> rule =
          SourceSilence.supplier(rules).get();
      rule.init(CapturingFixedKeyContext.of(stores, config, sent));
      return rule;
    }

    /** The candidates of the last record processed, as reporter and state; none if it sent none. */
    List<String> judged() {
      if (sent.isEmpty()) {
        return List.of();
      }
      List<String> out =
          sent.get(sent.size() - 1).stream()
              .map(a -> a.getReporter() + " " + a.getState())
              .toList();
      sent.clear();
      return out;
    }
  }
}
