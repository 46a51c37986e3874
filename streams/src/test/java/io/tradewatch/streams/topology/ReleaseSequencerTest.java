package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Release;
import io.tradewatch.schemas.Serdes;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A release copy that arrives before its figures waits for them; once forwarded it leaves the
 * waiting store only after a commit, so that a task restarted before that commit (a crash may have
 * lost what the copy caused) forwards it again when it reads the figures again.
 */
class ReleaseSequencerTest {
  private static final String FIGURES = "trade-records";
  private static final String RELEASES = "releases";

  @Test
  void
      givenACopyForwardedAfterItsFigures_whenTheTaskRestartsBeforeACommit_thenItIsForwardedAgain() {
    // Given a release copy that waits for the figure at offset 5, which is then read
    Task task = new Task();
    Processor<String, Object, String, Object> first = task.start();
    task.read(first, RELEASES, 0, release());
    task.read(first, FIGURES, 5, "figure 5");
    assertThat(task.releasesForwarded()).isEqualTo(1);
    task.read(first, FIGURES, 6, "figure 6");
    assertThat(task.releasesForwarded()).as("not again while the instance runs").isZero();

    // When the task restarts before a commit and reads the figure again
    Processor<String, Object, String, Object> restarted = task.start();
    task.read(restarted, FIGURES, 5, "figure 5");

    // Then the copy is forwarded again
    assertThat(task.releasesForwarded()).isEqualTo(1);
  }

  @Test
  void givenACopyForwardedAfterItsFigures_whenACommitCame_thenItLeavesTheStore() {
    Task task = new Task();
    Processor<String, Object, String, Object> first = task.start();
    task.read(first, RELEASES, 0, release());
    task.read(first, FIGURES, 5, "figure 5");

    task.commits.flushCache();
    task.read(first, FIGURES, 6, "figure 6");

    assertThat(task.waitingCopies()).isZero();
    task.read(task.start(), FIGURES, 5, "figure 5");
    assertThat(task.releasesForwarded()).as("after a restart").isZero();
  }

  private static Release release() {
    return Release.newBuilder(TopologyFixture.kzRelease(2023, 1, 1, Flow.X, Flow.M))
        .setAfterOffset(5)
        .setPart(0)
        .setParts(2)
        .build();
  }

  /** A task's stores, and instances of the sequencer started on them, each as after a restart. */
  private static final class Task {
    final KeyValueStore<String, Long> positions =
        TestStores.inMemory(
            ReleaseSequencer.POSITIONS, org.apache.kafka.common.serialization.Serdes.Long());
    final KeyValueStore<String, Release> waiting =
        TestStores.inMemory(ReleaseSequencer.WAITING, Serdes.RELEASE);
    final CommitCounter commits = TradeLedger.commitCounter().build();
    MockProcessorContext<String, Object> context;

    Task() {
      commits.init(new MockProcessorContext<>().getStateStoreContext(), commits);
    }

    Processor<String, Object, String, Object> start() {
      context = new MockProcessorContext<>();
      for (StateStore s : List.of(positions, waiting, commits)) {
        context.addStateStore(s);
      }
      Processor<String, Object, String, Object> sequencer =
          ReleaseSequencer.supplier(FIGURES, RELEASES).get();
      sequencer.init(context);
      return sequencer;
    }

    void read(
        Processor<String, Object, String, Object> sequencer,
        String topic,
        long offset,
        Object value) {
      context.setRecordMetadata(topic, 0, offset);
      sequencer.process(new Record<>("key", value, 0L));
    }

    /** Release copies forwarded since the last call. */
    long releasesForwarded() {
      List<Object> values = new ArrayList<>();
      for (CapturedForward<?, ?> f : context.forwarded()) {
        values.add(f.record().value());
      }
      context.resetForwards();
      return values.stream().filter(v -> v instanceof Release).count();
    }

    long waitingCopies() {
      return waiting.approximateNumEntries();
    }
  }
}
