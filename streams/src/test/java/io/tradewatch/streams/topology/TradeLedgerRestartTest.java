package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.internal.LedgerInput;
import io.tradewatch.schemas.Serdes;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Under at-least-once a crash in the middle of a commit can keep one of the ledger's store writes
 * and lose another; a figure read again after the restart repairs what depends on it.
 */
class TradeLedgerRestartTest {
  private static final String CHAPTER = "KZ-BNS|KAZ|2023|ARM|01";
  private static final String TOTAL = "KZ-BNS|KAZ|2023|ARM|TOTAL";

  @Test
  void
      givenALedgerKeptAndItsIndexEntryLost_whenTheFigureIsReadAgainAfterARestart_thenItIsIndexed() {
    // Given a figure booked under at-least-once, whose ledgers were written and whose entries in
    // the series index (where releases find the series) were lost in a crash
    Task task = new Task();
    task.start().process(figure());
    assertThat(task.series.get(CHAPTER)).isNotNull();
    task.series.delete(CHAPTER);
    task.series.delete(TOTAL);

    // When the restarted task reads the figure again
    task.start().process(figure());

    // Then both series are in the index again
    assertThat(task.series.get(CHAPTER)).isNotNull();
    assertThat(task.series.get(TOTAL)).isNotNull();
  }

  @Test
  void
      givenAPendingReleaseKeptAndTheReleaseLost_whenItIsReadAgainAfterARestart_thenItsSeriesAreEmitted() {
    // Given a figure booked and emitted under at-least-once, in a task whose commit wrote it
    Task task = new Task();
    task.start().process(figure());
    task.emit(1_000);
    task.commit();
    task.emit(2_000);
    // ... and a crash in the middle of a later commit that kept the entry of the month's release
    // among the pending ones and lost the release itself
    Release release = TopologyFixture.kzRelease(2023, 3, 1, Flow.X);
    task.pendingReleases.put(release.getReleaseKey(), PendingYears.change(3, null));

    // When the restarted task emits what its stores hold, then reads the release again
    Processor<String, LedgerInput, String, ChangedYear> restarted = task.start();
    task.emit(3_000);
    restarted.process(
        new Record<>(
            TradeLedger.pairKey("KZ-BNS", "KAZ", "ARM"), new LedgerInput(null, release, null), 0L));
    task.commit();
    task.emit(4_000);

    // Then the release recomputes the figure's series
    assertThat(task.emitted()).contains("KZ-BNS|KAZ|ARM|01", "KZ-BNS|KAZ|ARM|TOTAL");
  }

  private static Record<String, LedgerInput> figure() {
    return new Record<>(
        TradeLedger.pairKey("KZ-BNS", "KAZ", "ARM"),
        new LedgerInput(TopologyFixture.kz(Flow.X, 2023, 3, "0101", "100.00"), null, null),
        0L);
  }

  /** The ledger's stores, and instances started on them, each as after a restart. */
  private static final class Task {
    final Properties config = new Properties();
    final KeyValueStore<String, byte[]> series =
        TestStores.inMemory(TradeLedger.SERIES, Serdes.BYTES);
    final KeyValueStore<String, byte[]> pendingReleases =
        TestStores.inMemory(TradeLedger.PENDING_RELEASES, Serdes.BYTES);
    final CommitCounter commits = counter();
    final List<StateStore> stores =
        List.of(
            TestStores.inMemory(TradeLedger.CELLS, Serdes.PERIOD_CELL),
            TestStores.inMemory(TradeLedger.LEDGERS, Serdes.SERIES_YEAR_LEDGER),
            TestStores.inMemory(TradeLedger.CHANGED, PendingYears.BUCKET),
            series,
            TestStores.inMemory(TradeLedger.RELEASES, Serdes.RELEASE),
            pendingReleases,
            TestStores.inMemory(TradeLedger.AWAITING, Serdes.BYTES),
            commits);

    /** The context of the instance started last. */
    MockProcessorContext<String, ChangedYear> context;

    Task() {
      config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    }

    /** The ledger's emission at {@code now} (wall clock), as its punctuation runs it. */
    void emit(long now) {
      context.scheduledPunctuators().get(0).getPunctuator().punctuate(now);
    }

    /** A commit of the task: its caches flushed, which the commit counter counts. */
    void commit() {
      commits.flushCache();
    }

    /** The series the instance started last has forwarded changed years of. */
    List<String> emitted() {
      return context.forwarded().stream().map(f -> (String) f.record().key()).distinct().toList();
    }

    Processor<String, LedgerInput, String, ChangedYear> start() {
      context = new MockProcessorContext<>(config);
      context.setCurrentSystemTimeMs(0L);
      stores.forEach(context::addStateStore);
      Processor<String, LedgerInput, String, ChangedYear> ledger =
          TradeLedger.supplier(Duration.ofSeconds(1), 0, Duration.ofSeconds(2)).get();
      ledger.init(context);
      return ledger;
    }

    private static CommitCounter counter() {
      CommitCounter commits = TradeLedger.commitCounter().build();
      commits.init(new MockProcessorContext<>().getStateStoreContext(), commits);
      return commits;
    }
  }
}
