package io.tradewatch.broker;

import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** The official apache/kafka image in KRaft mode, for test runs where Docker exists. */
final class ContainerBroker implements AutoCloseable {
  private static final String IMAGE = "apache/kafka:4.3.1";
  private final KafkaContainer container;

  private ContainerBroker(KafkaContainer container) {
    this.container = container;
  }

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  static ContainerBroker start() {
    KafkaContainer container = new KafkaContainer(IMAGE);
    container.start();
    return new ContainerBroker(container);
  }

  String bootstrapServers() {
    return container.getBootstrapServers();
  }

  static void createTopics(String bootstrapServers, Topics topics, int partitions) {
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      List<NewTopic> newTopics =
          topics.all().stream()
              .map(Topic::name)
              .map(name -> new NewTopic(name, Optional.of(partitions), Optional.empty()))
              .toList();
      admin.createTopics(newTopics).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create topics: " + e, e);
    }
  }

  @Override
  public void close() {
    container.stop();
  }
}
