package io.tradewatch.broker;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Idempotent topic creation that returns only once the topics can be used, shared by the embedded
 * cluster and the test extension's container broker.
 */
final class TopicAdmin {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private TopicAdmin() {}

  /**
   * Creates the topics that do not exist yet and waits until every partition has a leader. Existing
   * topics are left as they are, whatever their partition count.
   */
  static void createTopics(
      String bootstrapServers, Set<String> names, int partitions, Optional<Short> replication) {
    Map<String, Map<String, String>> configs = new java.util.LinkedHashMap<>();
    names.forEach(name -> configs.put(name, Map.of()));
    createTopics(bootstrapServers, configs, partitions, replication);
  }

  /** As {@link #createTopics(String, Set, int, Optional)}, each topic with its own configs. */
  static void createTopics(
      String bootstrapServers,
      Map<String, Map<String, String>> configsByName,
      int partitions,
      Optional<Short> replication) {
    Set<String> names = configsByName.keySet();
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    if (names.isEmpty()) {
      return;
    }
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      List<NewTopic> newTopics =
          names.stream()
              .map(
                  name ->
                      new NewTopic(name, Optional.of(partitions), replication)
                          .configs(configsByName.get(name)))
              .toList();
      for (Map.Entry<String, KafkaFuture<Void>> created :
          admin.createTopics(newTopics).values().entrySet()) {
        try {
          created.getValue().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "Cannot create topic " + created.getKey() + ": " + e.getCause(), e.getCause());
          }
        }
      }
      awaitLeaders(admin, names);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics " + names, e);
    }
  }

  /**
   * The controller acknowledges a new topic before the brokers have loaded it, so a describe or
   * fetch right after creation can fail with UNKNOWN_TOPIC_OR_PARTITION. Waiting here until every
   * partition has a leader keeps that window away from callers.
   */
  /**
   * A leader in the metadata may not have created its log yet (producers then see
   * NOT_LEADER_OR_FOLLOWER and retry). Listing offsets needs the log; the admin client retries that
   * until it answers.
   */
  private static void awaitLogs(Admin admin, Map<String, TopicDescription> described)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    described.forEach(
        (name, d) ->
            d.partitions()
                .forEach(
                    p ->
                        partitions.put(
                            new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    admin.listOffsets(partitions).all().get();
  }

  private static void awaitLeaders(Admin admin, Set<String> names) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
        boolean ready =
            described.values().stream()
                .flatMap(d -> d.partitions().stream())
                .map(TopicPartitionInfo::leader)
                .allMatch(leader -> leader != null && !leader.isEmpty());
        if (ready) {
          awaitLogs(admin, described);
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException(
              "Cannot describe topics " + names + ": " + e.getCause(), e.getCause());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Topics " + names + " have no leader after " + READY_TIMEOUT);
      }
      Thread.sleep(50); // metadata propagation takes a few milliseconds; poll, do not guess
    }
  }
}
