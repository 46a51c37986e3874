package io.tradewatch.dashboard;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewatch.broker.KafkaBrokerExtension;
import io.tradewatch.producers.publish.KafkaPublisher;
import io.tradewatch.producers.publish.PublishReport;
import io.tradewatch.producers.read.InputFormat;
import io.tradewatch.producers.read.ReaderOptions;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.app.StreamsSettings;
import io.tradewatch.streams.app.TradewatchApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/** One tradewatch instance with its dashboard, on the test broker, and helpers to talk to it. */
final class RunningDashboard implements AutoCloseable {
  static final Path SAMPLES = Path.of("..", "sample-data");
  static final String TRADE_HEADER =
      "source,reporter,partner,flow,period,hs_code,value_usd,net_weight_kg,quantity,quantity_unit,revision";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final TradewatchApp app;
  final DashboardServer server;

  private RunningDashboard(TradewatchApp app, DashboardServer server) {
    this.app = app;
    this.server = server;
  }

  /**
   * Starts the dashboard before the streams, as the local runner should (Kafka Streams metrics
   * bound before start; the update feed sees every output).
   */
  static RunningDashboard start(
      KafkaBrokerExtension kafka, Topics topics, String applicationId, Path stateDir)
      throws InterruptedException {
    return start(kafka, topics, applicationId, stateDir, Map.of());
  }

  /** As above, with further Kafka Streams properties (standby replicas, ...). */
  static RunningDashboard start(
      KafkaBrokerExtension kafka,
      Topics topics,
      String applicationId,
      Path stateDir,
      Map<String, String> streamsProperties)
      throws InterruptedException {
    return start(kafka, topics, applicationId, stateDir, streamsProperties, s -> s);
  }

  /** As above, with dashboard settings of the test's own (stream limits, ...). */
  static RunningDashboard start(
      KafkaBrokerExtension kafka,
      Topics topics,
      String applicationId,
      Path stateDir,
      Map<String, String> streamsProperties,
      java.util.function.UnaryOperator<DashboardSettings> customize)
      throws InterruptedException {
    DashboardSettings dashboard =
        customize.apply(DashboardSettings.of("127.0.0.1", 0)).withFreePort();
    StreamsSettings settings =
        StreamsSettings.defaults(kafka.bootstrapServers(), stateDir)
            .withApplicationId(applicationId)
            .withTopicPrefix(topics.prefix())
            .withCommitInterval(Duration.ofMillis(100))
            // The dashboard does not depend on transactions; at-least-once processes the samples
            // several times faster, which keeps these tests short.
            .withProcessingGuarantee(StreamsConfig.AT_LEAST_ONCE)
            .withClientProperties(DashboardServer.streamsProperties(dashboard, streamsProperties));
    TradewatchApp app = new TradewatchApp(settings);
    DashboardServer server =
        DashboardServer.start(
            dashboard, app.streams(), settings.topics(), kafka.clientProperties());
    app.start();
    app.awaitRunning(Duration.ofSeconds(60));
    return new RunningDashboard(app, server);
  }

  static void publishSamples(KafkaBrokerExtension kafka, Topics topics) throws Exception {
    try (KafkaPublisher publisher = KafkaPublisher.create(kafka.clientProperties(), topics)) {
      for (String file :
          List.of("targets.csv", "trade-kz-bns.csv", "trade-am-armstat.csv", "fdi-kz-nbk.csv")) {
        Path path = SAMPLES.resolve(file);
        PublishReport report =
            publisher.publish(path, InputFormat.detect(path), ReaderOptions.defaults(), 0, false);
        if (report.rejected() > 0) {
          throw new IllegalStateException("sample rows rejected: " + report);
        }
      }
    }
  }

  /** Publishes trade rows (CSV lines without header) through the real publisher. */
  static void publishTrade(KafkaBrokerExtension kafka, Topics topics, Path dir, String... rows)
      throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(TRADE_HEADER);
    lines.addAll(List.of(rows));
    Path file = Files.createTempFile(dir, "trade-", ".csv");
    Files.write(file, lines, StandardCharsets.UTF_8);
    try (KafkaPublisher publisher = KafkaPublisher.create(kafka.clientProperties(), topics)) {
      PublishReport report =
          publisher.publish(file, InputFormat.TRADE, ReaderOptions.defaults(), 0, false);
      if (report.published() != rows.length) {
        throw new IllegalStateException("not every row published: " + report);
      }
    }
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return get(server.url(), pathAndQuery);
  }

  static HttpResponse<String> get(String base, String pathAndQuery)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery.replace("|", "%7C")))
            .timeout(Duration.ofSeconds(15))
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** GET that must answer 200, as a JSON object. */
  Map<String, Object> json(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response = get(pathAndQuery);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
    }
    return parse(response.body());
  }

  static Map<String, Object> parse(String body) throws IOException {
    return JSON.readValue(body, new TypeReference<Map<String, Object>>() {});
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> items(Map<String, Object> body) {
    return (List<Map<String, Object>>) body.get("items");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> value(Map<String, Object> item) {
    return (Map<String, Object>) item.get("value");
  }

  @Override
  public void close() {
    server.close();
    app.close();
  }
}
