package io.tradewatch.broker;

import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.util.Collection;
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
 *
 * <p>Shipped in the broker module's test-jar. Its Testcontainers dependency is test-scoped there
 * and not transitive: modules using this extension declare {@code testcontainers-kafka} themselves.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
  /** System property choosing the broker: {@value #TESTCONTAINERS} or anything else (embedded). */
  public static final String BROKER_PROPERTY = "tradewatch.test.broker";

  public static final String TESTCONTAINERS = "testcontainers";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final int brokers;
  private EmbeddedKafkaCluster embedded;
  private ContainerBroker container;
  private String bootstrapServers;

  /** One broker. */
  public KafkaBrokerExtension() {
    this(1);
  }

  /** {@code brokers} embedded brokers (more than one is always embedded: the container has one). */
  public KafkaBrokerExtension(int brokers) {
    if (brokers < 1) {
      throw new IllegalArgumentException("brokers must be at least 1, was " + brokers);
    }
    this.brokers = brokers;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (TESTCONTAINERS.equals(System.getProperty(BROKER_PROPERTY)) && brokers == 1) {
      if (ContainerBroker.dockerAvailable()) {
        container = ContainerBroker.start();
        bootstrapServers = container.bootstrapServers();
      } else {
        LOG.warn(
            "{}={} but no Docker engine: using the embedded broker",
            BROKER_PROPERTY,
            TESTCONTAINERS);
      }
    }
    if (container == null) {
      embedded = EmbeddedKafkaCluster.start(brokers);
      bootstrapServers = embedded.bootstrapServers();
    }
    LOG.info(
        "Test broker for {} ({}) at {}",
        context.getDisplayName(),
        container != null ? "container" : "embedded",
        bootstrapServers);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (container != null) {
        container.close();
      }
      if (embedded != null) {
        embedded.close();
      }
    } finally {
      container = null;
      embedded = null;
      bootstrapServers = null;
    }
  }

  public String bootstrapServers() {
    if (bootstrapServers == null) {
      throw new IllegalStateException(
          "No broker: register the extension on a static field with @RegisterExtension");
    }
    return bootstrapServers;
  }

  /**
   * The embedded cluster (for broker stop/restart tests), or null when tests run on a container.
   */
  public EmbeddedKafkaCluster embedded() {
    return embedded;
  }

  /** New client properties naming this broker; the caller may change them freely. */
  public Properties clientProperties() {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return p;
  }

  /** A topic registry no other test uses; its topics are not created. */
  public Topics uniqueTopics() {
    return Topics.withPrefix("t" + COUNTER.incrementAndGet() + "-" + shortId() + ".");
  }

  /** A topic registry no other test uses, with every topic created. */
  public Topics createUniqueTopics(int partitions) {
    Topics topics = uniqueTopics();
    createTopics(topics.all(), partitions);
    return topics;
  }

  /** Creates the topics that do not exist yet and waits until they can be used. */
  public void createTopics(Collection<? extends Topic<?, ?>> topics, int partitions) {
    if (container != null) {
      container.createTopics(topics, partitions);
    } else if (embedded != null) {
      embedded.createTopics(topics, partitions);
    } else {
      bootstrapServers(); // throws the "no broker" message
    }
  }

  /** {@code base} made unique, for application, group and transactional ids. */
  public String uniqueAppId(String base) {
    return base + "-" + COUNTER.incrementAndGet() + "-" + shortId();
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
