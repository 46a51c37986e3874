package io.tradewatch.local.run;

import io.tradewatch.broker.TopicReadiness;
import io.tradewatch.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
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
        TopicReadiness.await(admin, missing.stream().map(NewTopic::name).toList(), LEADERS_WITHIN);
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
