package io.tradewatch.broker;

import io.tradewatch.schemas.Topics;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Kafka broker per test class, with unique topics and application ids per test:
 *
 * <pre>
 * &#64;RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 * </pre>
 *
 * The broker is the embedded KRaft cluster. With {@code -Dtradewatch.test.broker=testcontainers}
 * and a Docker engine present, the same tests run against the official apache/kafka image instead;
 * without Docker they still run, on the embedded broker, and are never skipped.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final int brokers;
  private AutoCloseable running;
  private String bootstrapServers;
  private EmbeddedKafkaCluster embedded;

  public KafkaBrokerExtension() {
    this(1);
  }

  public KafkaBrokerExtension(int brokers) {
    this.brokers = brokers;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if ("testcontainers".equals(System.getProperty("tradewatch.test.broker"))
        && brokers == 1
        && ContainerBroker.dockerAvailable()) {
      ContainerBroker container = ContainerBroker.start();
      running = container;
      bootstrapServers = container.bootstrapServers();
    } else {
      embedded = EmbeddedKafkaCluster.start(brokers);
      running = embedded;
      bootstrapServers = embedded.bootstrapServers();
    }
    LOG.info("Test broker for {} at {}", context.getDisplayName(), bootstrapServers);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (running != null) {
      running.close();
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The embedded cluster, or null when the tests run on a container. */
  public EmbeddedKafkaCluster embedded() {
    return embedded;
  }

  /** Client properties naming this broker. */
  public Properties clientProperties() {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return p;
  }

  /** A topic registry no other test uses (its topics are not created). */
  public Topics uniqueTopics() {
    return Topics.withPrefix("t" + COUNTER.incrementAndGet() + "-" + shortId() + ".");
  }

  /** A topic registry no other test uses, with every topic created. */
  public Topics createUniqueTopics(int partitions) {
    Topics topics = uniqueTopics();
    EmbeddedKafkaCluster admin = embedded;
    if (admin != null) {
      admin.createTopics(topics.all(), partitions);
    } else {
      ContainerBroker.createTopics(bootstrapServers, topics, partitions);
    }
    return topics;
  }

  public String uniqueAppId(String base) {
    return base + "-" + COUNTER.incrementAndGet() + "-" + shortId();
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
