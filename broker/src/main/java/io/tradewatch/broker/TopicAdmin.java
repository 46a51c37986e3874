package io.tradewatch.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

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

  private static void awaitLeaders(Admin admin, Set<String> names) throws InterruptedException {
    try {
      TopicReadiness.await(admin, names, READY_TIMEOUT);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot describe topics " + names + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
