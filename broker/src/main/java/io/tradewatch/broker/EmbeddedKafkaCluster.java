package io.tradewatch.broker;

import io.tradewatch.schemas.Topic;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster in KRaft mode (no ZooKeeper) inside this JVM, for the local mode and the
 * tests: combined broker+controller nodes, data in a temporary directory removed on close.
 *
 * <p>This is the only class that touches Kafka's internal test kit, so a Kafka upgrade that changes
 * it changes one file.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

  private final KafkaClusterTestKit cluster;
  private final int brokers;

  private EmbeddedKafkaCluster(KafkaClusterTestKit cluster, int brokers) {
    this.cluster = cluster;
    this.brokers = brokers;
  }

  /** Formats and starts a cluster of {@code brokers} combined nodes and waits until it serves. */
  public static EmbeddedKafkaCluster start(int brokers) {
    if (brokers < 1) {
      throw new IllegalArgumentException("brokers must be at least 1, was " + brokers);
    }
    long started = System.nanoTime();
    short replication = (short) Math.min(3, brokers);
    TestKitNodes nodes =
        new TestKitNodes.Builder(
                // What a production broker of this version runs, not the test kit's unstable
                // features.
                BootstrapMetadata.fromVersion(MetadataVersion.latestProduction(), "tradewatch"))
            .setCombined(true)
            .setNumBrokerNodes(brokers)
            .setNumControllerNodes(brokers)
            .build();
    KafkaClusterTestKit cluster = null;
    try {
      cluster =
          new KafkaClusterTestKit.Builder(nodes)
              .setConfigProp("unstable.feature.versions.enable", "false")
              // Internal topics cannot have more replicas than there are brokers, or consumer
              // groups and transactions hang without an error.
              .setConfigProp("offsets.topic.replication.factor", Short.toString(replication))
              .setConfigProp("offsets.topic.num.partitions", "5")
              .setConfigProp(
                  "transaction.state.log.replication.factor", Short.toString(replication))
              .setConfigProp(
                  "transaction.state.log.min.isr", Integer.toString(Math.min(2, brokers)))
              .setConfigProp("transaction.state.log.num.partitions", "5")
              .setConfigProp(
                  "share.coordinator.state.topic.replication.factor", Short.toString(replication))
              .setConfigProp(
                  "share.coordinator.state.topic.min.isr", Integer.toString(Math.min(2, brokers)))
              .setConfigProp("default.replication.factor", Short.toString(replication))
              .setConfigProp("min.insync.replicas", Integer.toString(Math.min(2, brokers)))
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setConfigProp("auto.create.topics.enable", "false")
              .setDeleteOnClose(true)
              .build();
      formatQuietly(cluster);
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      closeQuietly(cluster);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Cannot start the embedded Kafka cluster: " + e, e);
    }
    EmbeddedKafkaCluster ready = new EmbeddedKafkaCluster(cluster, brokers);
    LOG.info(
        "Embedded KRaft cluster of {} broker(s) at {} ready in {} ms",
        brokers,
        ready.bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000);
    return ready;
  }

  /**
   * Kafka's storage formatter prints to standard output; tradewatch keeps standard output for
   * results (tables, JSON lines), so the formatter's lines go to standard error.
   */
  private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
    java.io.PrintStream out = System.out;
    synchronized (EmbeddedKafkaCluster.class) {
      System.setOut(System.err);
      try {
        cluster.format();
      } finally {
        System.setOut(out);
      }
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  public int brokers() {
    return brokers;
  }

  /** Creates the topics that do not exist yet. */
  public void createTopics(Collection<? extends Topic<?, ?>> topics, int partitions) {
    create(topics.stream().map(Topic::name).toList(), partitions);
  }

  public void createTopic(String name, int partitions) {
    create(List.of(name), partitions);
  }

  private void create(List<String> names, int partitions) {
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      for (String name : names) {
        try {
          admin
              .createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty())))
              .all()
              .get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("Cannot create topic " + name + ": " + e.getCause(), e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }

  @Override
  public void close() {
    closeQuietly(cluster);
  }

  private static void closeQuietly(KafkaClusterTestKit cluster) {
    if (cluster == null) {
      return;
    }
    try {
      cluster.close();
    } catch (Exception e) {
      LOG.warn("Embedded Kafka cluster did not close cleanly", e);
    }
  }
}
