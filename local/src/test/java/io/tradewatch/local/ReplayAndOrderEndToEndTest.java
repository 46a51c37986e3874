package io.tradewatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.TradeRecord;
import io.tradewatch.broker.KafkaBrokerExtension;
import io.tradewatch.local.replay.OutputDiff;
import io.tradewatch.local.replay.Replay;
import io.tradewatch.local.report.OutputSnapshot;
import io.tradewatch.local.run.ClusterConnection;
import io.tradewatch.local.run.LocalPipeline;
import io.tradewatch.producers.publish.KafkaPublisher;
import io.tradewatch.producers.read.InputFormat;
import io.tradewatch.producers.read.InputReader;
import io.tradewatch.producers.read.ReaderOptions;
import io.tradewatch.producers.read.Row;
import io.tradewatch.schemas.RecordChecks;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.app.StreamsSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays and arrival order on a real broker: the sample data, with a revision, published in order,
 * replayed twice, published again in random orders with duplicates, and reset and reprocessed,
 * always gives the same final outputs, record for record.
 *
 * <p>One live run over the data in order serves both tests: the shuffled runs compare with its
 * outputs, and the replays and the reset run start from it.
 */
class ReplayAndOrderEndToEndTest {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  private static final List<SpecificRecord> INPUT = new ArrayList<>();
  private static String livePrefix;
  private static String liveAppId;
  private static LocalPipeline livePipeline;
  private static OutputSnapshot live;

  @BeforeAll
  static void givenTheSampleDataAndARevisionPublishedInOrderAndProcessed() throws Exception {
    InputReader reader = new InputReader(RecordChecks.systemUtc());
    for (String file :
        List.of("targets.csv", "trade-kz-bns.csv", "trade-am-armstat.csv", "fdi-kz-nbk.csv")) {
      Path path = SampleDataEndToEndTest.SAMPLES.resolve(file);
      reader.read(
          path,
          InputFormat.detect(path),
          ReaderOptions.defaults(),
          row -> INPUT.add(((Row.Accepted) row).record()));
    }
    TradeRecord first = (TradeRecord) INPUT.get(100);
    INPUT.add(
        TradeRecord.newBuilder(first)
            .setRevision(2)
            .setValueUsd(first.getValueUsd().add(new BigDecimal("1000.00")))
            .build());
    livePrefix = KAFKA.uniqueTopics().prefix();
    liveAppId = KAFKA.uniqueAppId("live");
    livePipeline = start(livePrefix, liveAppId);
    live = publishAndAwait(livePipeline, INPUT);
  }

  @AfterAll
  static void stopTheLiveRun() {
    stopLive();
  }

  private static void stopLive() {
    if (livePipeline != null) {
      livePipeline.close();
      livePipeline = null;
    }
  }

  private static OutputSnapshot run(List<SpecificRecord> records, String appId) throws Exception {
    try (LocalPipeline pipeline = start(KAFKA.uniqueTopics().prefix(), appId)) {
      return publishAndAwait(pipeline, records);
    }
  }

  private static OutputSnapshot publishAndAwait(
      LocalPipeline pipeline, List<SpecificRecord> records) throws Exception {
    try (KafkaPublisher publisher =
        KafkaPublisher.create(pipeline.clientProperties(), pipeline.topics())) {
      publisher.publishRecords(records);
    }
    return pipeline.awaitOutputs(Duration.ofMinutes(3), remaining -> {});
  }

  private static LocalPipeline start(String prefix, String appId) throws InterruptedException {
    return LocalPipeline.start(
        new ClusterConnection(KAFKA.bootstrapServers(), Map.of()), appId, prefix, 3, s -> s);
  }

  @Test
  void randomOrdersWithDuplicatesGiveTheFinalStateOfTheOrderedRun() throws Exception {
    OutputSnapshot expected = live;

    for (long seed : new long[] {7, 2024}) {
      List<SpecificRecord> shuffled = new ArrayList<>(INPUT);
      shuffled.addAll(INPUT.subList(0, 300));
      Collections.shuffle(shuffled, new Random(seed));

      OutputSnapshot actual = run(shuffled, KAFKA.uniqueAppId("shuffled"));

      for (String output :
          List.of(
              "trade-monthly", "trade-annual", "target-progress", "fdi-annual", "mirror-gaps")) {
        assertThat(valuesOf(actual, output))
            .as("%s with seed %d", output, seed)
            .isEqualTo(valuesOf(expected, output));
      }
      assertThat(OutputDiff.comparable(new java.util.TreeMap<>(valuesOf(actual, "alerts"))))
          .as("alerts open at the end, seed %d", seed)
          .isEqualTo(OutputDiff.comparable(new java.util.TreeMap<>(valuesOf(expected, "alerts"))))
          .isNotEmpty();
    }
    assertThat(valuesOf(expected, "trade-monthly")).hasSizeGreaterThan(1000);
  }

  @Test
  void twoVersionedReplaysAreIdenticalToTheLiveOutputsAndEachOther() throws Exception {
    // Given the live run over the data in order (see givenTheSampleData...), still running
    String prefix = livePrefix;
    String appId = liveAppId;
    LocalPipeline pipeline = livePipeline;
    Replay replay = replayOf(appId, prefix);
    // When it is replayed twice, each replay into versioned topics beside the live ones
    List<Long> progress = new ArrayList<>();
    OutputDiff first = replay.versioned(1, 3, Duration.ofMinutes(3), progress::add);
    OutputDiff second = replay.versioned(2, 3, Duration.ofMinutes(3), remaining -> {});

    // Then each replay equals the live outputs, and the two replays each other
    assertThat(first.isEmpty()).as(first.render(5)).isTrue();
    assertThat(second.isEmpty()).as(second.render(5)).isTrue();
    assertThat(progress).last().isEqualTo(0L);
    OutputSnapshot v1 = OutputSnapshot.read(pipeline.clientProperties(), replay.replayTopics(1));
    OutputSnapshot v2 = OutputSnapshot.read(pipeline.clientProperties(), replay.replayTopics(2));
    assertThat(OutputDiff.of(v1, replay.replayTopics(1), v2, replay.replayTopics(2)).isEmpty())
        .as("replay 1 against replay 2")
        .isTrue();
    assertThat(valuesOf(v1, "trade-monthly")).isEqualTo(valuesOf(v2, "trade-monthly"));
    assertThat(valuesOf(v1, "trade-annual")).isEqualTo(valuesOf(live, "trade-annual"));
    stopLive();

    // Reset the stopped live application like Kafka's reset tool, then start it again.
    Replay reset = replayOf(appId, prefix);
    assertThat(reset.reset()).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith(appId + "-"));
    try (LocalPipeline again = start(prefix, appId)) {
      OutputSnapshot reprocessed = again.awaitOutputs(Duration.ofMinutes(3), remaining -> {});
      // every output topic, key for key: the reprocessed records come after the live ones on the
      // same topics, so the final record of each key must be what the live run left
      Topics topics = again.topics();
      OutputDiff diff = OutputDiff.of(reprocessed, topics, live, topics);
      assertThat(diff.isEmpty()).as(diff.render(5)).isTrue();
      assertThat(valuesOf(reprocessed, "trade-monthly")).isEqualTo(valuesOf(live, "trade-monthly"));
    }
  }

  /** Replays and resets of the application {@code appId} on the topics of {@code prefix}. */
  private static Replay replayOf(String appId, String prefix) {
    return new Replay(
        KAFKA.clientProperties(),
        StreamsSettings.defaults(KAFKA.bootstrapServers(), Path.of("unused"))
            .withApplicationId(appId)
            .withTopicPrefix(prefix));
  }

  /** The final records of one output, whatever the topic prefix. */
  private static Map<String, SpecificRecord> valuesOf(OutputSnapshot snapshot, String output) {
    return snapshot.byTopic().entrySet().stream()
        .filter(e -> e.getKey().endsWith("." + output))
        .findFirst()
        .orElseThrow()
        .getValue();
  }
}
