package io.tradewatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewatch.broker.KafkaBrokerExtension;
import io.tradewatch.dashboard.DashboardServer;
import io.tradewatch.dashboard.DashboardSettings;
import io.tradewatch.local.replay.OutputDiff;
import io.tradewatch.local.report.OutputSnapshot;
import io.tradewatch.local.run.CatchUp;
import io.tradewatch.local.run.ClusterConnection;
import io.tradewatch.local.run.LocalPipeline;
import io.tradewatch.producers.synthetic.SyntheticTrade;
import io.tradewatch.schemas.AvroJson;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.app.StreamsSettings;
import io.tradewatch.streams.app.TradewatchApp;
import io.tradewatch.streams.query.QueryableStores;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances coming and going: three instances of one application (exactly-once, one standby
 * replica, each with its own state directory) while records arrive at a steady rate: two in this
 * JVM with their dashboards, one a separate {@code tradewatch run} process. Again and again one
 * instance is replaced by a new one with an empty state directory: every third time the process,
 * with SIGKILL (no final commit, no leaving the group), otherwise an in-JVM instance, closed; the
 * next replacement comes 1–3 s after the dashboard answers every figure again. A dashboard user
 * keeps asking whichever in-JVM instance is up for figures that exist. Once the records stop, the
 * instances left settle, and the committed outputs must be those of an uninterrupted run over the
 * same records, which runs beside them, record for record.
 */
class InstanceChurnEndToEndTest {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceChurnEndToEndTest.class);

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  static final int RECORDS = Integer.getInteger("tradewatch.churn.records", 6_000);
  static final int PER_SECOND = 150;

  /** Instances replaced at least, whatever the machine's speed. */
  static final int REPLACEMENTS = 6;

  /** Of them, processes killed with SIGKILL at least. */
  static final int KILLS = 2;

  static final int PARTITIONS = 3;
  static final long SEED = 20260611;
  static final Duration CATCH_UP = Duration.ofMinutes(5);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void instancesReplacedEveryFewSecondsWhileRecordsFlowKeepAnsweringAndCommitExactOutputs(
      @TempDir Path dir) throws Exception {
    // Given two instances of one application, each serving its dashboard
    // (topics served by the broker before the first record: publishing into partitions created a
    // moment before once left the publisher retrying OUT_OF_ORDER_SEQUENCE_NUMBER until it gave up)
    Topics topics = KAFKA.createUniqueTopics(PARTITIONS);
    Properties client = KAFKA.clientProperties();
    String appId = KAFKA.uniqueAppId("churn");
    OutputSnapshot actual;
    QueryLoad.Stats queries;
    Map<String, List<JsonNode>> served;
    Fleet fleet = new Fleet(appId, topics, dir);
    // ... and, beside them, a run over the same records that nobody interrupts
    Topics reference = topics.withOutputPrefix(topics.prefix() + "reference.");
    OutputSnapshot expected;
    try (fleet;
        LocalPipeline uninterrupted =
            LocalPipeline.start(
                new ClusterConnection(KAFKA.bootstrapServers(), Map.of()),
                KAFKA.uniqueAppId("reference"),
                topics.prefix(),
                PARTITIONS,
                s -> s.withOutputPrefix(reference.outputPrefix()))) {
      fleet.start();
      fleet.start();
      fleet.startProcess();
      // ... records arriving at a steady rate, and a user asking for figures that exist
      try (SteadyPublisher publisher =
          SteadyPublisher.start(client, topics, new SyntheticTrade(RECORDS, 7), PER_SECOND)) {
        List<String> keys = figuresThatExist(client, topics, fleet);
        try (QueryLoad load = QueryLoad.start(fleet, keys)) {

          // When, until the last record is published, instances are replaced one after another
          Random random = new Random(SEED);
          // (at least REPLACEMENTS of them: on a loaded machine an instance takes longer to start,
          // and the churn must not depend on how many starts fit in the publishing time)
          while (!publisher.isDone() || fleet.stopped + fleet.killed < REPLACEMENTS) {
            Thread.sleep(1_000 + random.nextInt(2_000)); // the cadence of the churn
            fleet.replaceOne(random);
            // ... and after each replacement the figures are answered again, by an owner or a
            // standby (how long that takes depends on the machine; that it happens does not)
            fleet.awaitAnswers(keys);
          }
          publisher.await(1, TimeUnit.MINUTES);
          // ... and the instances left settle: rebalanced, running, and everything processed
          await()
              .atMost(CATCH_UP)
              .until(
                  () ->
                      fleet.running().stream()
                          .allMatch(i -> i.app.streams().state() == KafkaStreams.State.RUNNING));
          new CatchUp(client, topics, appId, Duration.ofSeconds(3)).await(CATCH_UP, left -> {});
          queries = load.stop();
          served = load.served();
        }
      }
      actual = OutputSnapshot.read(client, topics);
      assertThat(fleet.running())
          .allSatisfy(
              i -> assertThat(i.app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING));
      assertThat(fleet.process.isAlive()).as("the process member at the end").isTrue();
      expected = uninterrupted.awaitOutputs(CATCH_UP, left -> {});
    }
    LOG.info(
        "Churn: {} instances started, {} stopped, {} killed (time to RUNNING: {}); queries: {}",
        fleet.started,
        fleet.stopped,
        fleet.killed,
        fleet.startTimes,
        queries);

    // Then the instances really churned, gracefully and by SIGKILL
    assertThat(fleet.stopped + fleet.killed).isGreaterThanOrEqualTo(REPLACEMENTS);
    assertThat(fleet.killed).isGreaterThanOrEqualTo(KILLS);
    // ... the user's questions were answered again after every replacement (awaitAnswers), and
    // meanwhile a figure that exists was never missing and no answer was wrong
    assertThat(queries.answered()).isPositive();
    assertThat(queries.missing()).isZero();
    assertThat(queries.wrong()).isZero();
    // ... and every figure served, current or stale, is one the topology committed for that key
    Map<String, List<SpecificRecord>> history = OutputHistory.read(client, topics.tradeMonthly());
    assertThat(served).isNotEmpty();
    served.forEach(
        (key, values) -> {
          Set<JsonNode> committed =
              history.getOrDefault(key, List.of()).stream()
                  .map(r -> (JsonNode) AvroJson.toJson(r))
                  .collect(Collectors.toSet());
          assertThat(values)
              .as(key)
              .isNotEmpty()
              .allSatisfy(v -> assertThat(committed).contains(v));
        });
    // ... and the committed outputs are those of an uninterrupted run, record for record
    OutputDiff diff = OutputDiff.of(actual, topics, expected, reference);
    assertThat(diff.isEmpty()).as(diff.render(5)).isTrue();
    assertThat(actual.topic(topics.tradeMonthly())).hasSizeGreaterThan(RECORDS / 10);
    // ... and each revision was committed once, in the uninterrupted run's order (a snapshot of
    // last records cannot see a revision written twice; see OutputComparisonNegativeControlTest)
    assertThat(
            OutputHistory.diff(
                OutputHistory.read(client, topics.revisions()),
                OutputHistory.read(client, reference.revisions())))
        .isEmpty();
  }

  /** A few monthly figures already committed, each answered once by the dashboard. */
  private static List<String> figuresThatExist(Properties client, Topics topics, Fleet fleet) {
    List<String> keys = new ArrayList<>();
    await()
        .atMost(CATCH_UP)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              List<String> all =
                  new ArrayList<>(
                      OutputSnapshot.read(client, topics).topic(topics.tradeMonthly()).keySet());
              keys.clear();
              for (int i = 0; i < all.size() && keys.size() < 6; i += Math.max(1, all.size() / 6)) {
                keys.add(all.get(i));
              }
              return keys.size() == 6;
            });
    for (String key : keys) {
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(() -> QueryLoad.ask(fleet.running().get(0), key).answered());
    }
    return List.copyOf(keys);
  }

  /** One instance: the topology and its dashboard. */
  private record Instance(String name, TradewatchApp app, DashboardServer dashboard)
      implements AutoCloseable {
    static Instance start(String name, String appId, Topics topics, Path stateDir)
        throws InterruptedException {
      DashboardSettings dash =
          DashboardSettings.of("127.0.0.1", 0)
              .withFreePort()
              .withPeerSecret(TopologyProcess.PEER_SECRET);
      StreamsSettings settings =
          StreamsSettings.defaults(KAFKA.bootstrapServers(), stateDir)
              .withApplicationId(appId)
              .withTopicPrefix(topics.prefix())
              .withClientProperties(
                  DashboardServer.streamsProperties(
                      dash, Map.of(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1")));
      TradewatchApp app = new TradewatchApp(settings);
      DashboardServer dashboard =
          DashboardServer.start(dash, app.streams(), settings.topics(), KAFKA.clientProperties());
      app.start();
      app.awaitRunning(Duration.ofMinutes(2));
      return new Instance(name, app, dashboard);
    }

    @Override
    public void close() {
      dashboard.close();
      app.close();
    }
  }

  /**
   * The instances up at any moment: one or two in this JVM (at least one), and one {@code
   * tradewatch run} process except while it is being replaced.
   */
  private static final class Fleet implements AutoCloseable {
    private final String appId;
    private final Topics topics;
    private final Path dir;
    private final List<Instance> running = new CopyOnWriteArrayList<>();
    private final List<Long> startTimes = new ArrayList<>();
    private TopologyProcess process;
    private int started;
    private int stopped;
    private int killed;
    private int replacements;

    Fleet(String appId, Topics topics, Path dir) {
      this.appId = appId;
      this.topics = topics;
      this.dir = dir;
    }

    List<Instance> running() {
      return List.copyOf(running);
    }

    void start() throws InterruptedException {
      long t0 = System.nanoTime();
      String name = "instance-" + started++;
      running.add(Instance.start(name, appId, topics, dir.resolve(name)));
      startTimes.add((System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Starts the member that runs as its own process, configured as the in-JVM ones (one standby
     * replica), with a short session so that the group notices its death within seconds.
     */
    void startProcess() throws IOException {
      String name = "process-" + started++;
      Path config = dir.resolve(name + ".properties");
      Files.writeString(
          config,
          "session.timeout.ms=6000\nheartbeat.interval.ms=1500\n"
              + StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG
              + "=1\n");
      process =
          TopologyProcess.start(
              Path.of("target", "churn-test", appId + ".log"),
              "--bootstrap-servers",
              KAFKA.bootstrapServers(),
              "--client-config",
              config.toString(),
              "--topic-prefix",
              topics.prefix(),
              "--application-id",
              appId,
              "--state-dir",
              dir.resolve(name).toString(),
              "--http-port",
              "0");
      LOG.info("Started {} (pid {})", name, process.pid());
    }

    /**
     * Every third time kills the process and starts another, otherwise stops a random in-JVM
     * instance and starts a new one; in a random order of the two.
     */
    void replaceOne(Random random) throws Exception {
      boolean stopFirst = random.nextBoolean();
      if (++replacements % 3 == 0) {
        TopologyProcess old = process;
        if (stopFirst) {
          kill(old);
        }
        startProcess();
        if (!stopFirst) {
          kill(old);
        }
        return;
      }
      Instance victim = running.get(random.nextInt(running.size()));
      if (stopFirst && running.size() > 1) {
        stop(victim);
        start();
      } else {
        start();
        stop(victim);
      }
    }

    /**
     * Waits until the in-JVM instances answer every one of {@code keys} (each from any of them: a
     * key lookup is forwarded to its owner, or answered by a standby, flagged stale).
     */
    void awaitAnswers(List<String> keys) {
      for (String key : keys) {
        await()
            .atMost(CATCH_UP)
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions()
            .until(() -> running().stream().anyMatch(i -> answers(i, key)));
      }
    }

    private static boolean answers(Instance instance, String key) {
      try {
        return QueryLoad.ask(instance, key).answered();
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    private void kill(TopologyProcess victim) throws InterruptedException {
      long pid = victim.pid();
      if (!victim.isAlive()) {
        throw new IllegalStateException(
            "tradewatch run (pid " + pid + ") exited on its own; see target/churn-test");
      }
      victim.kill();
      killed++;
      LOG.info("SIGKILL pid {}", pid);
    }

    private void stop(Instance instance) {
      running.remove(instance);
      instance.close();
      stopped++;
      LOG.info(
          "Stopped {}; running {}", instance.name(), running.stream().map(Instance::name).toList());
    }

    @Override
    public void close() throws InterruptedException {
      running.forEach(Instance::close);
      running.clear();
      if (process != null) {
        process.close();
      }
    }
  }

  /**
   * A dashboard user: every 100 ms asks the next instance that is up (round robin) for the next of
   * a few figures, through {@code /api/record}, and keeps count.
   */
  private static final class QueryLoad implements AutoCloseable {
    /** An HTTP status, whether the answer was flagged stale, and a wrong answer's body. */
    record Outcome(int status, boolean stale, String wrong, JsonNode value) {
      boolean answered() {
        return status == 200 && wrong == null;
      }
    }

    record Stats(
        int total,
        int answered,
        int stale,
        int unavailable,
        int otherErrors,
        int missing,
        int wrong) {}

    private final Fleet fleet;
    private final List<String> keys;
    private final Thread thread;
    private volatile boolean stopped;
    private int total;
    private int answered;
    private int stale;
    private int unavailable;
    private int otherErrors;
    private int missing;
    private final List<String> wrong = new ArrayList<>();
    private final Map<String, List<JsonNode>> served = new HashMap<>();

    private QueryLoad(Fleet fleet, List<String> keys) {
      this.fleet = fleet;
      this.keys = keys;
      this.thread = new Thread(this::run, "dashboard-user");
      this.thread.setDaemon(true);
    }

    static QueryLoad start(Fleet fleet, List<String> keys) {
      QueryLoad load = new QueryLoad(fleet, keys);
      load.thread.start();
      return load;
    }

    static Outcome ask(Instance instance, String key) throws IOException, InterruptedException {
      String url =
          instance.dashboard().url()
              + "/api/record?store="
              + QueryableStores.MONTHLY
              + "&key="
              + URLEncoder.encode(key, StandardCharsets.UTF_8);
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return new Outcome(response.statusCode(), false, null, null);
      }
      JsonNode body = JSON.readTree(response.body());
      boolean figure = key.equals(body.path("key").asText()) && body.path("value").isObject();
      return new Outcome(
          200,
          body.path("stale").asBoolean(false),
          figure ? null : response.body(),
          figure ? body.get("value") : null);
    }

    private void run() {
      int turn = 0;
      while (!stopped) {
        List<Instance> up = fleet.running();
        if (!up.isEmpty()) {
          record(up.get(turn % up.size()), keys.get(turn % keys.size()));
        }
        turn++;
        try {
          Thread.sleep(100); // the user's pace
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private synchronized void record(Instance instance, String key) {
      total++;
      Outcome outcome;
      try {
        outcome = ask(instance, key);
      } catch (IOException e) {
        outcome = new Outcome(-1, false, null, null); // the instance went away under the request
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (outcome.wrong() != null) {
        wrong.add(outcome.wrong());
        return;
      }
      switch (outcome.status()) {
        case 200 -> {
          answered++;
          served.computeIfAbsent(key, k -> new ArrayList<>()).add(outcome.value());
          stale += outcome.stale() ? 1 : 0;
        }
        case 404 -> missing++;
        case 503 -> unavailable++;
        default -> otherErrors++;
      }
    }

    synchronized Stats stats() {
      return new Stats(total, answered, stale, unavailable, otherErrors, missing, wrong.size());
    }

    /** Every figure answered, by key, as served. */
    synchronized Map<String, List<JsonNode>> served() {
      return Map.copyOf(served);
    }

    Stats stop() throws InterruptedException {
      close();
      return stats();
    }

    @Override
    public void close() throws InterruptedException {
      stopped = true;
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
  }
}
