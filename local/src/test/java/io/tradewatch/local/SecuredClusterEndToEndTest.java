package io.tradewatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.broker.EmbeddedKafkaCluster;
import io.tradewatch.broker.SecureListeners;
import io.tradewatch.broker.TestCertificates;
import io.tradewatch.local.cli.TradewatchCommand;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * tradewatch against a cluster that authenticates (SASL_PLAINTEXT with PLAIN or SCRAM-SHA-512) and
 * one that encrypts (SSL): the security settings come from {@code --client-config} alone and reach
 * every client (admin, producers, Kafka Streams, the consumers reading outputs and feeding the
 * dashboard); bad credentials fail fast with Kafka's own message; no secret is ever printed.
 */
class SecuredClusterEndToEndTest {
  private static final Path SAMPLES = SampleDataEndToEndTest.SAMPLES.toAbsolutePath().normalize();
  private static final String KZ_2023 = "KZ-BNS|KAZ|ARM|TOTAL|2023";
  private static final BigDecimal KZ_2023_EXPORTS = new BigDecimal("33300000.00");
  private static final String USER = "tradewatch";
  private static final String PASSWORD = "pw-" + UUID.randomUUID();
  private static final String WRONG_PASSWORD = "wrong-" + UUID.randomUUID();

  @TempDir static Path dir;
  private static TestCertificates tls;
  private static EmbeddedKafkaCluster cluster;
  private static Path scramConfig;
  private static Path plainConfig;
  private static Path wrongPasswordConfig;
  private static Path tlsConfig;
  private static Path untrustingTlsConfig;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** The logs of the commands run in this JVM (and of the broker, which runs here too). */
  private static CapturedLogs logs;

  @BeforeAll
  static void startSecuredClusterAndWriteClientConfigs() throws Exception {
    tls = TestCertificates.generate(dir);
    cluster =
        EmbeddedKafkaCluster.start(
            1,
            SecureListeners.none()
                .withSaslUser(USER, PASSWORD)
                .withTls(tls.keyStore(), tls.keyStorePassword()));
    scramConfig = write("scram.properties", sasl("SCRAM-SHA-512", PASSWORD));
    plainConfig = write("plain.properties", sasl("PLAIN", PASSWORD));
    wrongPasswordConfig = write("wrong.properties", sasl("SCRAM-SHA-512", WRONG_PASSWORD));
    tlsConfig =
        write(
            "tls.properties",
            Map.of(
                "security.protocol",
                "SSL",
                "ssl.truststore.type",
                "PKCS12",
                "ssl.truststore.location",
                tls.trustStore().toString(),
                "ssl.truststore.password",
                tls.trustStorePassword()));
    untrustingTlsConfig = write("untrusting.properties", Map.of("security.protocol", "SSL"));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
    if (logs != null) {
      logs.close();
    }
  }

  @BeforeEach
  void captureTheLogs() {
    if (logs == null) {
      logs = CapturedLogs.start();
    }
    logs.clear();
  }

  /** Whatever a test ran in this JVM logged, no secret is in it. */
  @AfterEach
  void noSecretInTheLogs() {
    assertNoSecretIn(logs.text());
  }

  @Test
  void demoOverScramCreatesTheTopicsAndComputesTheKazakh2023Exports() throws IOException {
    // when
    int exit =
        run(
            "demo",
            "--once",
            "--partitions",
            "1",
            "--sample-dir",
            SAMPLES.toString(),
            "--bootstrap-servers",
            cluster.saslBootstrapServers(),
            "--client-config",
            scramConfig.toString());

    // then the summary has the figure, and so has the output topic for any SASL consumer
    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString().lines().filter(l -> l.startsWith("KZ-BNS") && l.contains(" 2023 ")))
        .singleElement(InstanceOfAssertFactories.STRING)
        .contains("33.3 M");
    Map<String, TradeAnnual> annual =
        readAll(
            clientProperties(cluster.saslBootstrapServers(), scramConfig),
            Topics.withPrefix(Topics.DEFAULT_PREFIX).tradeAnnual());
    assertThat(annual.get(KZ_2023).getExportsUsd()).isEqualTo(KZ_2023_EXPORTS);

    // and a replay of the demo's application over SCRAM recomputes the same outputs
    int replayed =
        run(
            "replay",
            "--application-id",
            "tradewatch-demo",
            "--output-version",
            "7",
            "--partitions",
            "1",
            "--bootstrap-servers",
            cluster.saslBootstrapServers(),
            "--client-config",
            scramConfig.toString());
    // (the replay prints its differences on stdout: both streams, to say what differed)
    assertThat(replayed).as(out + "\n" + err).isZero();
    assertThat(out.toString()).contains("Replay 7 into").contains("Identical to the live outputs.");
    assertNoSecretIn(out.toString() + err.toString());
  }

  @Test
  void publishAndRunInTheirOwnProcessesOverSaslComputeTheFiguresAndServeThemOnLoopbackOnly()
      throws Exception {
    // given the topics (an operator's job: run and publish create none) and the sample data
    // published with PLAIN
    cluster.createTopics(Topics.withPrefix(Topics.DEFAULT_PREFIX).all(), 1);
    String logs;
    try (CliProcess publish =
        CliProcess.start(
            dir,
            "publish",
            "publish",
            "--bootstrap-servers",
            cluster.saslBootstrapServers(),
            "--client-config",
            plainConfig.toString(),
            SAMPLES.resolve("targets.csv").toString(),
            SAMPLES.resolve("trade-kz-bns.csv").toString(),
            SAMPLES.resolve("trade-am-armstat.csv").toString(),
            SAMPLES.resolve("fdi-kz-nbk.csv").toString())) {
      assertThat(publish.awaitExit(Duration.ofMinutes(2))).as(publish.err()).isZero();
      assertThat(publish.out()).contains("trade-kz-bns.csv").contains("0 rejected");
      logs = publish.out() + publish.err();
    }

    // and a webhook receiving alert events
    List<String> alerts = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/hook",
        exchange -> {
          alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    hook.start();

    // when the topology runs with SCRAM in a process of its own, serving the dashboard
    try (CliProcess run =
        CliProcess.start(
            dir,
            "run",
            "run",
            "--bootstrap-servers",
            cluster.saslBootstrapServers(),
            "--client-config",
            scramConfig.toString(),
            "--application-id",
            "tw-secured-" + UUID.randomUUID().toString().substring(0, 8),
            "--state-dir",
            dir.resolve("run-state").toString(),
            "--http-port",
            "0",
            "--alert-webhook",
            "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook")) {
      String url =
          await()
              .atMost(Duration.ofMinutes(2))
              .until(() -> dashboardUrl(run), Optional::isPresent)
              .orElseThrow();

      // then its own state store has the figure (its stream threads read and wrote over SASL)
      // and its output feed is positioned (the dashboard's consumer authenticated too)
      HttpClient http = HttpClient.newHttpClient();
      JsonNode annual =
          await()
              .atMost(Duration.ofMinutes(3))
              .ignoreExceptions()
              .until(
                  () ->
                      get(
                          http,
                          url
                              + "api/annual?source=KZ-BNS&reporter=KAZ&partner=ARM"
                              + "&from=2023&to=2023"),
                  // the year fills up month by month while the topology catches up
                  body -> exportsUsd(body).equals("33300000.00"));
      assertThat(annual.path("items")).hasSize(1);
      assertThat(annual.path("items").get(0).path("key").asText()).isEqualTo(KZ_2023);
      JsonNode health = get(http, url + "api/health");
      assertThat(health.path("status").asText()).isEqualTo("UP");
      assertThat(health.path("feed").path("ready").asBoolean()).isTrue();
      // and the HTTP server listens on this machine only
      URI address = URI.create(url);
      assertThat(address.getHost()).isEqualTo("127.0.0.1");
      for (InetAddress external : nonLoopbackAddresses()) {
        assertRefused(external, address.getPort());
      }
      // and the alert reached the webhook (its consumer and dead-letter producer authenticated)
      await()
          .atMost(Duration.ofMinutes(1))
          .untilAsserted(
              () ->
                  assertThat(alerts)
                      .anySatisfy(
                          body ->
                              assertThat(body)
                                  .contains("mirror-gap|AM-ARMSTAT/KZ-BNS|ARM|KAZ|TOTAL|2023")));
      run.stop();
      logs += run.out() + run.err();
    } finally {
      hook.stop(0);
    }

    // and the logs show the clients' configuration, with every secret masked
    assertThat(logs)
        .as("Kafka clients log their configuration at INFO; the check must see it")
        .contains("sasl.jaas.config = [hidden]")
        .contains("StreamsConfig values")
        .contains("AdminClientConfig values")
        .contains("ConsumerConfig values")
        .contains("ProducerConfig values");
    assertNoSecretIn(logs);
  }

  @Test
  void analyzeOverTlsPrintsTheKazakh2023ExportsReadBackFromTheAnnualTopic() throws Exception {
    // when
    int exit =
        run(
            "analyze",
            "--json",
            "--partitions",
            "1",
            "--bootstrap-servers",
            cluster.tlsBootstrapServers(),
            "--client-config",
            tlsConfig.toString(),
            SAMPLES.resolve("targets.csv").toString(),
            SAMPLES.resolve("trade-kz-bns.csv").toString(),
            SAMPLES.resolve("trade-am-armstat.csv").toString(),
            SAMPLES.resolve("fdi-kz-nbk.csv").toString());

    // then
    assertThat(exit).as(err.toString()).isZero();
    assertThat(logs.text())
        .as("the clients' configuration is in the logs searched for secrets")
        .contains("ssl.truststore.password = [hidden]")
        .contains("ProducerConfig values");
    ObjectMapper json = new ObjectMapper();
    JsonNode record = null;
    for (String line : out.toString().lines().toList()) {
      JsonNode node = json.readTree(line);
      if (node.get("topic").asText().endsWith("trade-annual")
          && node.get("key").asText().equals(KZ_2023)) {
        record = node;
      }
    }
    assertThat(record).as("the annual record of %s among the printed ones", KZ_2023).isNotNull();
    assertThat(record.get("value").get("exportsUsd").asText()).isEqualTo("33300000.00");
    String prefix = record.get("topic").asText().replaceAll("trade-annual$", "");
    Map<String, TradeAnnual> annual =
        readAll(
            clientProperties(cluster.tlsBootstrapServers(), tlsConfig),
            Topics.withPrefix(prefix).tradeAnnual());
    assertThat(annual.get(KZ_2023).getExportsUsd()).isEqualTo(KZ_2023_EXPORTS);
    assertNoSecretIn(out.toString() + err.toString());
  }

  @Test
  void aWrongPasswordFailsPublishAndDemoAtOnceWithKafkasAuthenticationError() throws Exception {
    // when publish, in its own process, is given a wrong password
    try (CliProcess publish =
        CliProcess.start(
            dir,
            "publish-wrong-password",
            "publish",
            "--bootstrap-servers",
            cluster.saslBootstrapServers(),
            "--client-config",
            wrongPasswordConfig.toString(),
            SAMPLES.resolve("targets.csv").toString())) {
      // then it fails within a minute (not a hang on retries), saying why, showing no password
      assertThat(publish.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
      assertThat(publish.err())
          .contains("tradewatch publish:")
          .contains("Authentication failed")
          .contains("SCRAM-SHA-512");
      assertNoSecretIn(publish.out() + publish.err());
    }

    // and so does demo, which starts with the admin client
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          int exit =
              run(
                  "demo",
                  "--once",
                  "--sample-dir",
                  SAMPLES.toString(),
                  "--bootstrap-servers",
                  cluster.saslBootstrapServers(),
                  "--client-config",
                  wrongPasswordConfig.toString());
          assertThat(exit).isEqualTo(1);
        });
    assertThat(err.toString()).startsWith("tradewatch: ").contains("Authentication failed");
    assertNoSecretIn(out.toString() + err.toString());
  }

  @Test
  void aCertificateTheClientDoesNotTrustFailsAnalyzeAtOnceWithTheHandshakeError() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          int exit =
              run(
                  "analyze",
                  "--bootstrap-servers",
                  cluster.tlsBootstrapServers(),
                  "--client-config",
                  untrustingTlsConfig.toString(),
                  SAMPLES.resolve("targets.csv").toString());
          assertThat(exit).isEqualTo(1);
        });
    assertThat(err.toString()).startsWith("tradewatch: ").contains("SSL handshake failed");
  }

  @Test
  void helpOfEveryCommandNamesTheClientConfigButShowsNoSecret() {
    for (String command : List.of("demo", "analyze", "run", "replay", "publish")) {
      StringWriter help = new StringWriter();
      CommandLine cli = TradewatchCommand.commandLine();
      cli.setOut(new PrintWriter(help));
      cli.setErr(new PrintWriter(help));

      int exit = cli.execute(command, "--client-config", scramConfig.toString(), "--help");

      assertThat(exit).isZero();
      assertThat(help.toString()).as(command).contains("--client-config");
      assertNoSecretIn(help.toString());
    }
  }

  private int run(String... args) {
    CommandLine cli = TradewatchCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static void assertNoSecretIn(String text) {
    assertThat(text)
        .doesNotContain(PASSWORD)
        .doesNotContain(WRONG_PASSWORD)
        .doesNotContain(tls.trustStorePassword())
        .doesNotContain(tls.keyStorePassword());
  }

  private static Map<String, String> sasl(String mechanism, String password) {
    String module =
        mechanism.equals("PLAIN")
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
    return Map.of(
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        mechanism,
        "sasl.jaas.config",
        module + " required username=\"" + USER + "\" password=\"" + password + "\";");
  }

  private static Path write(String name, Map<String, String> settings) throws IOException {
    Properties p = new Properties();
    p.putAll(settings);
    Path file = dir.resolve(name);
    try (var writer = Files.newBufferedWriter(file)) {
      p.store(writer, "Kafka client settings for " + name);
    }
    return file;
  }

  private static Properties clientProperties(String bootstrapServers, Path config)
      throws IOException {
    Properties p = new Properties();
    try (var reader = Files.newBufferedReader(config)) {
      p.load(reader);
    }
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return p;
  }

  /** Every committed record of {@code topic}, latest value per key, by a plain consumer. */
  private static <V> Map<String, V> readAll(Properties client, Topic<String, V> topic) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Map<String, V> values = new TreeMap<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            p, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic.name(), Duration.ofSeconds(30))
          .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInSameThread()
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                  values.put(r.key(), r.value());
                }
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
              });
    }
    return values;
  }

  private static final Pattern DASHBOARD = Pattern.compile("Dashboard: (http://\\S+/)");

  private static Optional<String> dashboardUrl(CliProcess run) {
    if (!run.isAlive()) {
      throw new AssertionError("run ended early:\n" + CliProcess.tail(run.err()));
    }
    Matcher m = DASHBOARD.matcher(run.out());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String exportsUsd(JsonNode annual) {
    return annual.path("items").path(0).path("value").path("exportsUsd").asText();
  }

  private static JsonNode get(HttpClient http, String url)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body());
  }

  /** This machine's addresses other than loopback (a container has at least one, usually). */
  private static List<InetAddress> nonLoopbackAddresses() throws IOException {
    List<InetAddress> found = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        Collections.list(nic.getInetAddresses()).stream()
            .filter(a -> a instanceof Inet4Address && !a.isLinkLocalAddress())
            .forEach(found::add);
      }
    }
    return found;
  }

  private static void assertRefused(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
      throw new AssertionError("the dashboard answers on " + address + ":" + port);
    } catch (ConnectException expected) {
      // refused: nothing listens there
    } catch (IOException e) {
      throw new AssertionError("unexpected " + e + " connecting to " + address + ":" + port, e);
    }
  }
}
