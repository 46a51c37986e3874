package io.tradewatch.local.replay;

import io.tradewatch.local.report.OutputSnapshot;
import io.tradewatch.local.run.CatchUp;
import io.tradewatch.local.run.TopicSetup;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.app.StreamsSettings;
import io.tradewatch.streams.app.TradewatchApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes every output from the earliest input offsets.
 *
 * <ul>
 *   <li>{@link #versioned}: a separate application writes versioned output topics beside the live
 *       ones ({@code <prefix>replay-<n>.}); the result is compared with the live outputs.
 *   <li>{@link #reset}: what Kafka's {@code kafka-streams-application-reset} tool does for this
 *       application: its committed offsets and internal topics are deleted, so its next start
 *       reprocesses the inputs from the beginning.
 * </ul>
 */
public final class Replay {
  private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

  private final Properties clientProperties;
  private final StreamsSettings live;

  public Replay(Properties clientProperties, StreamsSettings live) {
    this.clientProperties = clientProperties;
    this.live = live;
  }

  /** The topics a replay with this version writes. */
  public Topics replayTopics(int version) {
    return live.topics().withOutputPrefix(live.topics().prefix() + "replay-" + version + ".");
  }

  /**
   * Runs the topology over all inputs into versioned outputs and compares them with the live ones.
   *
   * @param remaining told how many input records are still to be processed
   */
  public OutputDiff versioned(int version, int partitions, Duration timeout, LongConsumer remaining)
      throws InterruptedException, IOException {
    Topics topics = replayTopics(version);
    String applicationId = live.applicationId() + "-replay-" + version;
    TopicSetup.ensure(clientProperties, topics, partitions);
    Path stateDir = Files.createTempDirectory("tradewatch-replay-");
    StreamsSettings settings =
        live.withApplicationId(applicationId)
            .withTopicPrefix(topics.prefix())
            .withStateDir(stateDir)
            .withOutputPrefix(topics.outputPrefix());
    LOG.info("Replaying all inputs into {}*", topics.outputPrefix());
    try (TradewatchApp app = new TradewatchApp(settings).start()) {
      app.awaitRunning(Duration.ofMinutes(2));
      new CatchUp(clientProperties, topics, applicationId, Duration.ofSeconds(2))
          .await(timeout, remaining);
    }
    OutputSnapshot replayed = OutputSnapshot.read(clientProperties, topics);
    OutputSnapshot current = OutputSnapshot.read(clientProperties, live.topics());
    return OutputDiff.of(current, live.topics(), replayed, topics);
  }

  /**
   * Resets the live application like Kafka's reset tool: refuses while instances run, then deletes
   * its consumer group (committed offsets) and internal topics. Local state directories of its
   * instances must be removed too ({@code KafkaStreams#cleanUp}, done by {@code run --reset}).
   *
   * @return the internal topics deleted
   */
  public List<String> reset() throws InterruptedException {
    String id = live.applicationId();
    try (Admin admin = Admin.create(clientProperties)) {
      try {
        ConsumerGroupDescription group =
            admin.describeConsumerGroups(List.of(id)).describedGroups().get(id).get();
        if (!group.members().isEmpty()) {
          throw new IllegalStateException(
              "application "
                  + id
                  + " still has "
                  + group.members().size()
                  + " running instance(s); stop them before a reset");
        }
        admin.deleteConsumerGroups(List.of(id)).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          throw new IllegalStateException("Cannot reset group " + id + ": " + e.getCause(), e);
        }
      }
      List<String> internal =
          admin.listTopics().names().get().stream()
              .filter(n -> n.startsWith(id + "-") && !n.startsWith(id + "-replay-"))
              .filter(n -> n.endsWith("-changelog") || n.endsWith("-repartition"))
              .sorted()
              .toList();
      if (!internal.isEmpty()) {
        admin.deleteTopics(internal).all().get();
      }
      LOG.info("Reset application {}: group and {} internal topics deleted", id, internal.size());
      return internal;
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot reset application " + id + ": " + e.getCause(), e);
    }
  }
}
