package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.schemas.Serdes;
import io.tradewatch.streams.query.FigureCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * An output table sends a figure when it changed; under at-least-once a restarted task also sends a
 * key's first figure equal to the stored one, which a crash may have kept in the store while its
 * output record was lost.
 */
class FigureTableTest {
  private static final String KEY = "KZ-BNS|KAZ|ARM|TOTAL|2024-03";

  @Test
  void givenAtLeastOnce_whenTheTaskRestartsAndComputesAStoredFigureAgain_thenItIsSentOnce() {
    // Given a figure stored by an earlier instance of the task, under at-least-once
    Task task = new Task(StreamsConfig.AT_LEAST_ONCE);
    task.start().process(new Record<>(KEY, "100", 0L));

    // When a restarted instance computes the same figure twice, then another key's and a change
    Processor<String, String, String, FigureUpdate<String>> restarted = task.start();
    restarted.process(new Record<>(KEY, "100", 0L));
    restarted.process(new Record<>(KEY, "100", 0L));
    restarted.process(new Record<>("other", "5", 0L));
    restarted.process(new Record<>("other", "5", 0L));
    restarted.process(new Record<>(KEY, "120", 0L));

    // Then the stored figure is sent again once, as unchanged; the others as they change
    assertThat(task.sent())
        .containsExactly(
            new FigureUpdate<>("100", "100"),
            new FigureUpdate<>(null, "5"),
            new FigureUpdate<>("100", "120"));
    assertThat(task.store.get(KEY).value()).isEqualTo("120");
  }

  @Test
  void givenAtLeastOnce_whenTheTaskRestartsTwice_thenEachStartSendsTheStoredFigureOnce() {
    // Given a figure stored by an earlier instance, and sent again by a restarted one
    Task task = new Task(StreamsConfig.AT_LEAST_ONCE);
    task.start().process(new Record<>(KEY, "100", 0L));
    task.start().process(new Record<>(KEY, "100", 0L));
    long resentStamp = task.store.get(KEY).timestamp();

    // When the task restarts again (a second crash) and computes it twice
    Processor<String, String, String, FigureUpdate<String>> third = task.start();
    third.process(new Record<>(KEY, "100", 0L));
    third.process(new Record<>(KEY, "100", 0L));

    // Then it is sent once more, and the store, not the instance, says which start wrote it
    assertThat(task.sent()).containsExactly(new FigureUpdate<>("100", "100"));
    assertThat(task.store.get(KEY).timestamp()).isNotEqualTo(resentStamp);
  }

  @Test
  void givenExactlyOnce_whenTheTaskRestartsAndComputesAStoredFigureAgain_thenNothingIsSent() {
    // Given a figure stored by an earlier instance of the task, under exactly-once (the store and
    // the outputs are committed together)
    Task task = new Task(StreamsConfig.EXACTLY_ONCE_V2);
    task.start().process(new Record<>(KEY, "100", 0L));

    // When a restarted instance computes the same figure, then a new one
    Processor<String, String, String, FigureUpdate<String>> restarted = task.start();
    restarted.process(new Record<>(KEY, "100", 0L));
    restarted.process(new Record<>(KEY, "120", 0L));

    // Then only the change is sent
    assertThat(task.sent()).containsExactly(new FigureUpdate<>("100", "120"));
  }

  @Test
  void givenFiguresRecomputed_whenFewChange_thenTheMetricsCountComputedAndWrittenApart() {
    // Given a table that has stored a figure
    Task task = new Task(StreamsConfig.EXACTLY_ONCE_V2);
    Processor<String, String, String, FigureUpdate<String>> table = task.start();
    table.process(new Record<>(KEY, "100", 0L));

    // When the figure is computed again unchanged twice, then changed, and another key first seen
    table.process(new Record<>(KEY, "100", 0L));
    table.process(new Record<>(KEY, "100", 0L));
    table.process(new Record<>(KEY, "120", 0L));
    table.process(new Record<>("other", "5", 0L));

    // Then the table's metrics count five figures computed and three written, one over a figure
    // it held
    assertThat(FigureCounts.totals(task.context.metrics().metrics()))
        .containsExactly(Map.entry("monthly", new FigureCounts.Counts(5, 3, 1)));
  }

  /** A task's store, and instances of the table started on it, each as after a restart. */
  private static final class Task {
    final TimestampedKeyValueStore<String, String> store;
    final Properties config = new Properties();
    MockProcessorContext<String, FigureUpdate<String>> context;

    Task(String guarantee) {
      config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
      store = TestStores.timestamped("monthly", Serdes.STRING);
    }

    Processor<String, String, String, FigureUpdate<String>> start() {
      context = new MockProcessorContext<>(config);
      context.addStateStore(store);
      Processor<String, String, String, FigureUpdate<String>> table =
          FigureTable.supplier("monthly", Serdes.STRING, Serdes.STRING).get();
      table.init(context);
      return table;
    }

    /** What the latest instance sent. */
    List<FigureUpdate<String>> sent() {
      List<FigureUpdate<String>> sent = new ArrayList<>();
      for (CapturedForward<? extends String, ? extends FigureUpdate<String>> f :
          context.forwarded()) {
        sent.add(f.record().value());
      }
      return sent;
    }
  }
}
