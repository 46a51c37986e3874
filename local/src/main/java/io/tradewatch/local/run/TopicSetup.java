package io.tradewatch.local.run;

import io.tradewatch.schemas.Topics;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the tradewatch topics that do not exist yet, with the cluster's default replication
 * factor and each topic's configs from the registry (inputs kept for ever, outputs compacted).
 * Existing topics are left as they are (their partition count is the operator's choice).
 */
public final class TopicSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

  private TopicSetup() {}

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
        admin.createTopics(missing).all().get();
        LOG.info("Created {} topics with {} partitions", missing.size(), partitions);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot create tradewatch topics: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }
}
