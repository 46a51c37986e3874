package io.tradewatch.local.run;

import io.tradewatch.broker.TopicAdmin;
import io.tradewatch.schemas.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
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
    Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    topics.all().forEach(topic -> configs.put(topic.name(), topic.configs()));
    try (Admin admin = Admin.create(clientProperties)) {
      List<String> created =
          TopicAdmin.createMissing(admin, configs, partitions, Optional.empty(), LEADERS_WITHIN);
      if (!created.isEmpty()) {
        LOG.info("Created {} topics with {} partitions", created.size(), partitions);
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
