package io.tradewatch.local.run;

import io.tradewatch.avro.Alert;
import io.tradewatch.broker.EmbeddedKafkaCluster;
import io.tradewatch.broker.SecureListeners;
import io.tradewatch.dashboard.DashboardServer;
import io.tradewatch.dashboard.DashboardSettings;
import io.tradewatch.local.report.OutputSnapshot;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.app.StreamsSettings;
import io.tradewatch.streams.app.TradewatchApp;
import io.tradewatch.streams.query.QueryableStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process: a broker (embedded, or the user's cluster), the topics, the
 * topology as a real {@code KafkaStreams} instance, and the means to publish files to it and read
 * its outputs back.
 */
public final class LocalPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);

  private final EmbeddedKafkaCluster broker;
  private final Properties clientProperties;
  private final StreamsSettings settings;
  private final ServingApp serving;
  private final TradewatchApp app;
  private final Path stateDir;

  private LocalPipeline(
      EmbeddedKafkaCluster broker,
      Properties clientProperties,
      StreamsSettings settings,
      ServingApp serving,
      Path stateDir) {
    this.broker = broker;
    this.clientProperties = clientProperties;
    this.settings = settings;
    this.serving = serving;
    this.app = serving.app();
    this.stateDir = stateDir;
  }

  /**
   * Starts the broker if needed, creates missing topics and starts the topology.
   *
   * @param partitions partitions of topics created here
   * @param customize further settings (guarantee, CIF/FOB factor)
   */
  public static LocalPipeline start(
      ClusterConnection connection,
      String applicationId,
      String topicPrefix,
      int partitions,
      UnaryOperator<StreamsSettings> customize)
      throws InterruptedException {
    return start(connection, applicationId, topicPrefix, partitions, customize, null);
  }

  /**
   * As above, with the dashboard (HTTP API, push stream, page, metrics) served by this instance
   * when {@code dashboardSettings} is not null.
   */
  public static LocalPipeline start(
      ClusterConnection connection,
      String applicationId,
      String topicPrefix,
      int partitions,
      UnaryOperator<StreamsSettings> customize,
      DashboardSettings dashboardSettings)
      throws InterruptedException {
    EmbeddedKafkaCluster broker = null;
    String servers = connection.bootstrapServers();
    if (connection.isEmbedded()) {
      broker = EmbeddedKafkaCluster.start(1, SecureListeners.none(), connection.brokerHost());
      servers = broker.bootstrapServers();
    }
    try {
      Properties client = connection.clientPropertiesFor(servers);
      Path stateDir = Files.createTempDirectory("tradewatch-state-");
      StreamsSettings settings =
          customize.apply(
              StreamsSettings.defaults(servers, stateDir)
                  .withApplicationId(applicationId)
                  .withTopicPrefix(topicPrefix)
                  .withClientProperties(connection.clientProperties()));
      TopicSetup.ensure(client, settings.topics(), partitions);
      ServingApp serving = ServingApp.create(settings, dashboardSettings, client).start();
      serving.app().awaitRunning(Duration.ofMinutes(2));
      return new LocalPipeline(broker, client, settings, serving, stateDir);
    } catch (IOException e) {
      closeQuietly(broker);
      throw new UncheckedIOException(e);
    } catch (RuntimeException | InterruptedException e) {
      closeQuietly(broker);
      throw e;
    }
  }

  /** Client properties for the pipeline's cluster (bootstrap servers and security settings). */
  public Properties clientProperties() {
    Properties copy = new Properties();
    copy.putAll(clientProperties);
    return copy;
  }

  public Topics topics() {
    return settings.topics();
  }

  public TradewatchApp app() {
    return app;
  }

  public String bootstrapServers() {
    return settings.bootstrapServers();
  }

  /**
   * Waits until everything published so far is processed, then reads every output.
   *
   * @throws TopologyFailedException when a stream thread died or the topology stopped meanwhile:
   *     its outputs may lack records, and a one-shot run must not present them as complete
   */
  public OutputSnapshot awaitOutputs(Duration timeout, LongConsumer remaining)
      throws InterruptedException {
    new CatchUp(
            clientProperties,
            topics(),
            settings.applicationId(),
            settings.commitInterval().multipliedBy(5).plusSeconds(1))
        .await(timeout, remaining, this::requireHealthy);
    requireHealthy();
    return OutputSnapshot.read(clientProperties, topics());
  }

  /**
   * @throws TopologyFailedException when the topology has failed
   */
  public void requireHealthy() {
    app.failure()
        .ifPresent(
            e -> {
              throw new TopologyFailedException(e);
            });
  }

  /** Where the dead-letter topic ends now: {@link DeadLetterReport} reads what comes after. */
  public java.util.Map<org.apache.kafka.common.TopicPartition, Long> deadLetterEnd() {
    return DeadLetterReport.endOffsets(clientProperties, topics());
  }

  /** The alerts currently raised, with their latest figures, from this instance's state. */
  public List<Alert> openAlerts() {
    ReadOnlyKeyValueStore<String, Alert> store =
        app.streams()
            .store(
                StoreQueryParameters.fromNameAndType(
                    QueryableStores.OPEN_ALERTS, QueryableStoreTypes.keyValueStore()));
    List<Alert> open = new ArrayList<>();
    try (KeyValueIterator<String, Alert> all = store.all()) {
      all.forEachRemaining(kv -> open.add(kv.value));
    }
    open.sort(Comparator.comparing(Alert::getAlertId));
    return open;
  }

  /** The dashboard's address, or null when it is not served. */
  public String dashboardUrl() {
    return serving.dashboard().map(DashboardServer::url).orElse(null);
  }

  @Override
  public void close() {
    serving.close();
    closeQuietly(broker);
    deleteRecursively(stateDir);
  }

  private static void closeQuietly(EmbeddedKafkaCluster broker) {
    if (broker != null) {
      try {
        broker.close();
      } catch (Exception e) {
        LOG.warn("Embedded broker did not close cleanly", e);
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete state directory {}", dir, e);
    }
  }
}
