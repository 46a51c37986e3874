package io.tradewatch.broker;

import io.tradewatch.schemas.Topic;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The official apache/kafka image in KRaft mode, for test runs that ask for it where Docker exists.
 * Testcontainers' {@link KafkaContainer} already sets the single-broker replication factors.
 */
final class ContainerBroker implements AutoCloseable {
  private static final String IMAGE = "apache/kafka:4.3.1";
  private final KafkaContainer container;

  private ContainerBroker(KafkaContainer container) {
    this.container = container;
  }

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
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

  void createTopics(Collection<? extends Topic<?, ?>> topics, int partitions) {
    Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    topics.forEach(t -> configs.put(t.name(), t.configs()));
    TopicAdmin.createTopics(bootstrapServers(), configs, partitions, Optional.empty());
  }

  @Override
  public void close() {
    container.stop();
  }
}
