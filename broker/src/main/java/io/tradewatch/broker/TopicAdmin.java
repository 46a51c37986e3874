package io.tradewatch.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Idempotent topic creation that returns only once the topics can be used: the one way topics are
 * created, by the embedded cluster, the test extension's container broker and the application's own
 * topic set-up.
 */
public final class TopicAdmin {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private TopicAdmin() {}

  /**
   * Creates those of the topics that do not exist yet and waits until every partition of every one
   * of them has a leader that serves it. Existing topics are left as they are, whatever their
   * partition count; a topic another client creates at the same moment counts as existing.
   *
   * @param configsByName each topic's configs, by topic name
   * @param replication the replication factor; empty: the cluster's default
   * @return the names of the topics this call created
   * @throws TimeoutException when some partition has no serving leader within {@code within}
   */
  public static List<String> createMissing(
      Admin admin,
      Map<String, Map<String, String>> configsByName,
      int partitions,
      Optional<Short> replication,
      Duration within)
      throws ExecutionException, InterruptedException, TimeoutException {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    if (configsByName.isEmpty()) {
      return List.of();
    }
    Set<String> existing = admin.listTopics().names().get();
    List<NewTopic> missing =
        configsByName.entrySet().stream()
            .filter(topic -> !existing.contains(topic.getKey()))
            .map(
                topic ->
                    new NewTopic(topic.getKey(), Optional.of(partitions), replication)
                        .configs(topic.getValue()))
            .toList();
    List<String> created = new ArrayList<>();
    for (var creation : admin.createTopics(missing).values().entrySet()) {
      try {
        creation.getValue().get();
        created.add(creation.getKey());
      } catch (ExecutionException e) {
        // another client created it first
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    TopicReadiness.await(admin, configsByName.keySet(), within);
    return List.copyOf(created);
  }

  /**
   * As {@link #createTopics(String, Map, int, Optional)}, every topic with the broker's configs.
   */
  static void createTopics(
      String bootstrapServers, Set<String> names, int partitions, Optional<Short> replication) {
    Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    names.forEach(name -> configs.put(name, Map.of()));
    createTopics(bootstrapServers, configs, partitions, replication);
  }

  /** {@link #createMissing} on the broker at {@code bootstrapServers}, without authentication. */
  static void createTopics(
      String bootstrapServers,
      Map<String, Map<String, String>> configsByName,
      int partitions,
      Optional<Short> replication) {
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      createMissing(admin, configsByName, partitions, replication, READY_TIMEOUT);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot create topics " + configsByName.keySet() + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics " + configsByName, e);
    }
  }
}
