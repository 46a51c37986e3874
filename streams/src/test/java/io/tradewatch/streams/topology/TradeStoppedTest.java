package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.internal.SeriesYearLedger;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.streams.domain.Side;
import io.tradewatch.streams.domain.YearLedger;
import io.tradewatch.streams.domain.alerts.AlertRule;
import io.tradewatch.streams.domain.alerts.AlertSeverity;
import io.tradewatch.streams.domain.alerts.RuleBook;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * When a series' trade resumes, the alert about its stop is cleared; under at-least-once a task
 * restarted before a commit wrote that clearing sends it again, since a crash may have kept the
 * judgment and lost the clearing.
 */
class TradeStoppedTest {
  private static final String SERIES = "KZ-BNS|KAZ|ARM|TOTAL";
  private static final String STOP_APRIL = "trade-stopped|KZ-BNS|KAZ|ARM|TOTAL|2023-04";
  private static final String STOP_JULY = "trade-stopped|KZ-BNS|KAZ|ARM|TOTAL|2023-07";

  @Test
  void givenAtLeastOnce_whenATaskRestartsAfterAStopEnded_thenItsClearingIsSentAgainOnce() {
    // Given a series traded in March (a stop from April), then in June too (the April stop ended,
    // a stop from July), judged by an instance of the task under at-least-once
    Task task = new Task(StreamsConfig.AT_LEAST_ONCE);
    assertThat(stopEndedInJune(task)).containsExactly(STOP_APRIL, STOP_JULY);

    // When the task restarts before a commit and judges the series again, twice
    Processor<String, ChangedYear, String, Alert> restarted = task.start();
    List<String> afterRestart = task.judge(restarted);
    List<String> again = task.judge(restarted);

    // Then the April clearing is sent again once, and after a commit it is forgotten
    assertThat(afterRestart).containsExactly(STOP_APRIL, STOP_JULY);
    assertThat(again).containsExactly(STOP_JULY);
    task.commit();
    task.judge(restarted);
    assertThat(task.judgedAs()).isEqualTo("2023-07");
  }

  @Test
  void givenAJudgmentKeptAndItsIndexEntryLost_whenARestartedTaskJudgesIt_thenItIsIndexedAgain() {
    // Given a stop from April judged under at-least-once, whose entry in the index (where releases
    // find the series to judge) was lost in a crash
    Task task = new Task(StreamsConfig.AT_LEAST_ONCE);
    task.traded(3);
    task.judge(task.start());
    String entry = TradeStopped.sinceKey(SeriesKey.parse(SERIES), SERIES, YearMonth.of(2023, 4));
    assertThat(task.since.get(entry)).isNotNull();
    task.since.delete(entry);

    // When a restarted task judges the series again
    task.judge(task.start());

    // Then the stop is in the index again
    assertThat(task.since.get(entry)).isNotNull();
  }

  @Test
  void givenExactlyOnce_whenATaskRestartsAfterAStopEnded_thenNothingIsSentAgain() {
    Task task = new Task(StreamsConfig.EXACTLY_ONCE_V2);
    stopEndedInJune(task);

    assertThat(task.judge(task.start())).containsExactly(STOP_JULY);
  }

  /**
   * A series traded in March (a stop from April), then in June too (the April stop ended, a stop
   * from July), judged twice by a started instance.
   *
   * @return what the second judgment sent
   */
  private static List<String> stopEndedInJune(Task task) {
    Processor<String, ChangedYear, String, Alert> first = task.start();
    task.traded(3);
    task.judge(first);
    task.traded(3, 6);
    return task.judge(first);
  }

  /** A task's stores, and instances of the rule started on them, each as after a restart. */
  private static final class Task {
    final RuleBook rules =
        new RuleBook(
            List.of(new AlertRule.TradeStopped("trade-stopped", AlertSeverity.WARNING, 3)));
    final Properties config = new Properties();
    final KeyValueStore<String, SeriesYearLedger> ledgers =
        TestStores.inMemory(TradeLedger.LEDGERS, Serdes.SERIES_YEAR_LEDGER);
    final KeyValueStore<String, Release> releases =
        TestStores.inMemory(TradeLedger.RELEASES, Serdes.RELEASE);
    final TimestampedKeyValueStore<String, byte[]> judged =
        TestStores.timestamped(TradeStopped.JUDGED, Serdes.BYTES);
    final KeyValueStore<String, byte[]> since =
        TestStores.inMemory(TradeStopped.SINCE, Serdes.BYTES);
    final CommitCounter commits = TradeLedger.commitCounter().build();
    MockProcessorContext<String, Alert> context;

    Task(String guarantee) {
      config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
      commits.init(new MockProcessorContext<>().getStateStoreContext(), commits);
    }

    Processor<String, ChangedYear, String, Alert> start() {
      context = new MockProcessorContext<>(config);
      for (StateStore s : List.of(ledgers, releases, judged, since, commits)) {
        context.addStateStore(s);
      }
      Processor<String, ChangedYear, String, Alert> rule = TradeStopped.supplier(rules).get();
      rule.init(context);
      return rule;
    }

    /** The series' 2023 exports: 1 000 USD in each of {@code months}. */
    void traded(int... months) {
      YearLedger ledger = YearLedger.empty(2023);
      for (int month : months) {
        ledger = ledger.withMonth(Side.EXPORTS, month, new BigDecimal("1000.00"));
      }
      ledgers.put(TradeLedger.ledgerKey(SERIES, 2023), LedgerCodec.toStored(ledger, 0L));
    }

    /** The alert ids of the candidates one judgment of the series sends. */
    List<String> judge(Processor<String, ChangedYear, String, Alert> rule) {
      context.resetForwards();
      rule.process(new Record<>(SERIES, new ChangedYear(2023, 1, 1, 0L), 0L));
      return context.forwarded().stream()
          .map(CapturedForward::record)
          .map(r -> r.value().getAlertId())
          .toList();
    }

    void commit() {
      commits.flushCache();
    }

    String judgedAs() {
      return new String(judged.get(SERIES).value(), StandardCharsets.UTF_8);
    }
  }
}
