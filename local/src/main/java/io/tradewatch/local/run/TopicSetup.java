package io.tradewatch.local.run;

import io.tradewatch.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the tradewatch topics that do not exist yet, with the cluster's default replication
 * factor and each topic's configs from the registry (inputs kept for ever, outputs compacted).
 * Existing topics are left as they are (their partition count is the operator's choice).
 */
public final class TopicSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
  private static final Duration LEADERS_WITHIN = Duration.ofSeconds(60);

  private TopicSetup() {}

  /**
   * Waits until every partition of new topics has a leader. Created is not yet writable: a record
   * sent at once can be refused as NOT_LEADER_OR_FOLLOWER, and an idempotent producer whose first
   * batch was refused while later ones were appended can never place its retry (the broker answers
   * OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout).
   */
  private static void awaitLeaders(Admin admin, List<String> names)
      throws ExecutionException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + LEADERS_WITHIN.toNanos();
    while (true) {
      if (allLed(admin, names)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "partitions of the new topics have no leader after "
                + LEADERS_WITHIN.toSeconds()
                + " s");
      }
      Thread.sleep(50);
    }
  }

  /**
   * Whether every partition of these topics has a leader. A broker that has not yet seen the
   * creation in its metadata answers UNKNOWN_TOPIC_OR_PARTITION: not led yet, asked again.
   */
  private static boolean allLed(Admin admin, List<String> names)
      throws ExecutionException, InterruptedException {
    try {
      Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
      return described.values().stream()
          .flatMap(d -> d.partitions().stream())
          .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false;
      }
      throw e;
    }
  }

  public static void ensure(Properties clientProperties, Topics topics, int partitions) {
    try (Admin admin = Admin.create(clientProperties)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          topics.all().stream()
              .filter(topic -> !existing.contains(topic.name()))
              .map(
                  topic ->
                      new NewTopic(topic.name(), Optional.of(partitions), Optional.empty())
                          .configs(topic.configs()))
              .toList();
      if (!missing.isEmpty()) {
        for (var created : admin.createTopics(missing).values().values()) {
          try {
            created.get();
          } catch (ExecutionException e) {
            // another instance starting beside this one created it first
            if (!(e.getCause() instanceof TopicExistsException)) {
              throw e;
            }
          }
        }
        awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
        LOG.info("Created {} topics with {} partitions", missing.size(), partitions);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Cannot create tradewatch topics: "
              + (e instanceof ExecutionException ? e.getCause() : e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }
}
