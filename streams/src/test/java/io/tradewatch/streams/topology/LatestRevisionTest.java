package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.internal.RevisionState;
import io.tradewatch.schemas.Serdes;
import java.math.BigDecimal;
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
 * The latest-revision step drops an exact repeat, but under at-least-once a restarted task passes
 * on the first repeat of a figure, whose effect downstream a crash may have lost.
 */
class LatestRevisionTest {
  /** A figure as "key:revision:value". */
  private static final RevisionIdentity<String> FIGURE =
      new RevisionIdentity<>(
          "figure",
          v -> v.split(":")[0],
          v -> Integer.parseInt(v.split(":")[1]),
          v -> new BigDecimal(v.split(":")[2]));

  @Test
  void givenAtLeastOnce_whenARestartedTaskReadsARepeat_thenTheFirstGoesOnAsNoRevision() {
    // Given a figure applied by an earlier instance of the task, under at-least-once
    Task task = new Task(StreamsConfig.AT_LEAST_ONCE);
    task.start().process(figure("K:1:10.00"));

    // When a restarted instance reads it again twice, then a revision
    FixedKeyProcessor<String, String, Checked<Revised<String>>> restarted = task.start();
    restarted.process(figure("K:1:10.00"));
    restarted.process(figure("K:1:10.00"));
    restarted.process(figure("K:2:12.00"));

    // Then the first repeat goes on without a revision, the second not; the revision with one
    assertThat(task.sent).hasSize(2);
    assertThat(task.sent.get(0).value().value()).isEqualTo("K:1:10.00");
    assertThat(task.sent.get(0).value().revision()).isNull();
    assertThat(task.sent.get(1).value().value()).isEqualTo("K:2:12.00");
    assertThat(task.sent.get(1).value().revision()).isNotNull();
  }

  @Test
  void givenExactlyOnce_whenARestartedTaskReadsARepeat_thenItIsDropped() {
    Task task = new Task(StreamsConfig.EXACTLY_ONCE_V2);
    task.start().process(figure("K:1:10.00"));

    task.start().process(figure("K:1:10.00"));

    assertThat(task.sent).isEmpty();
  }

  private static FixedKeyRecord<String, String> figure(String value) {
    return InternalFixedKeyRecordFactory.create(new Record<>("pair", value, 0L));
  }

  /** A task's revision store, and instances started on it, each as after a restart. */
  private static final class Task {
    final TimestampedKeyValueStore<String, RevisionState> store;
    final Map<String, Object> config;
    List<Checked<Revised<String>>> sent = new ArrayList<>();

    Task(String guarantee) {
      config = Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
      store = TestStores.timestamped("figure-latest-revisions", Serdes.REVISION_STATE);
    }

    FixedKeyProcessor<String, String, Checked<Revised<String>>> start() {
      sent = new ArrayList<>();
      FixedKeyProcessor<String, String, Checked<Revised<String>>> step =
          LatestRevision.supplier("figure-latest-revisions", FIGURE).get();
      step.init(
          CapturingFixedKeyContext.of(Map.of("figure-latest-revisions", store), config, sent));
      return step;
    }
  }
}
