package io.tradewatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewatch.broker.EmbeddedKafkaCluster;
import io.tradewatch.local.replay.OutputDiff;
import io.tradewatch.local.report.OutputSnapshot;
import io.tradewatch.local.run.ClusterConnection;
import io.tradewatch.local.run.LocalPipeline;
import io.tradewatch.producers.publish.KafkaPublisher;
import io.tradewatch.producers.synthetic.SyntheticTrade;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.app.TradewatchApp.Transition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.Node;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker failures under a running topology (exactly-once, default settings): the only broker is
 * stopped for ten seconds in the middle of the work and started again; and, on a cluster of three
 * brokers with replication factor 3, the broker coordinating the application's group is stopped for
 * good. Nobody restarts the topology: it must carry on by itself, and its committed outputs must be
 * those of an uninterrupted run over the same records, record for record.
 *
 * <p>Each test owns its cluster, since it takes brokers away. The record count can be changed with
 * {@code -Dtradewatch.restart.records=...}.
 */
class BrokerRestartEndToEndTest {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerRestartEndToEndTest.class);

  static final int RECORDS = Integer.getInteger("tradewatch.restart.records", 10_000);
  static final int PARTITIONS = 3;

  /** Years the records cover: dense months, few releases (see CrashRecoveryEndToEndTest). */
  static final int YEARS = 3;

  static final Duration OUTAGE = Duration.ofSeconds(10);

  /** Generous: the machine running the tests may be loaded; the measured times are logged. */
  static final Duration RECOVERY = Duration.ofMinutes(3);

  static final Duration CATCH_UP = Duration.ofMinutes(5);
  static final Set<KafkaStreams.State> FAILED =
      Set.of(
          KafkaStreams.State.ERROR,
          KafkaStreams.State.PENDING_ERROR,
          KafkaStreams.State.PENDING_SHUTDOWN,
          KafkaStreams.State.NOT_RUNNING);

  /** The uninterrupted run both tests compare with (see {@link History#uninterruptedRun}). */
  private static Uninterrupted uninterrupted;

  /** An uninterrupted run's final outputs, the topics they were read from, and its revisions. */
  private record Uninterrupted(
      OutputSnapshot outputs, Topics topics, SortedMap<String, List<SpecificRecord>> revisions) {}

  @Test
  void theOnlyBrokerStoppedForTenSecondsMidRunTheTopologyRecoversByItselfWithExactOutputs()
      throws Exception {
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(1)) {
      // Given synthetic records on the broker and the outputs of an uninterrupted run over them
      History history = History.publish(cluster, "restart.");
      Uninterrupted expected = history.uninterruptedRun();

      // When the broker is stopped for ten seconds while the topology works through them
      OutputSnapshot actual;
      long leftAtStop;
      Duration finished;
      List<KafkaStreams.State> states;
      int replaced;
      try (LocalPipeline pipeline = history.startTopology("restarted")) {
        history.awaitCommitted("restarted", RECORDS / 4);
        leftAtStop = RECORDS - history.committed("restarted");
        cluster.stopBroker(0);
        Thread.sleep(OUTAGE.toMillis()); // the outage itself
        cluster.restartBroker(0);
        long back = System.nanoTime();
        history.awaitAllCommitted("restarted");
        finished = Duration.ofNanos(System.nanoTime() - back);
        actual = pipeline.awaitOutputs(CATCH_UP, remaining -> {});
        states = pipeline.app().transitions().stream().map(Transition::to).toList();
        replaced = pipeline.app().threadsReplaced();
        LOG.info(
            "Broker restart: {} of {} inputs left at the stop, all committed {} ms after the"
                + " broker's return, states {}, stream threads replaced {}",
            leftAtStop,
            RECORDS,
            finished.toMillis(),
            states,
            replaced);
      }

      // Then the broker went away in the middle of the work
      assertThat(leftAtStop).as("inputs left when the broker was stopped").isPositive();
      // ... the topology carried on without ever failing
      assertThat(states)
          .as("every state the listener saw")
          .doesNotContainAnyElementsOf(FAILED)
          .last()
          .isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(replaced).as("stream threads that died and were replaced").isZero();
      assertThat(finished).isLessThan(RECOVERY);
      // ... and its outputs are the uninterrupted run's, record for record
      history.assertSameOutputs(actual, expected);
    }
  }

  @Test
  void oneOfThreeBrokersStoppedForGoodMidRunWhileCoordinatingTheGroupTheOutputsAreExact()
      throws Exception {
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3)) {
      // Given synthetic records on a cluster of three brokers, every topic with three replicas
      History history = History.publish(cluster, "failover.");
      assertThat(history.replicationFactors()).containsOnly(3);
      Uninterrupted expected = history.uninterruptedRun();

      // When the broker coordinating the application's group is stopped mid-run, and stays down
      OutputSnapshot actual;
      int stopped;
      Set<Integer> transactionCoordinators;
      long leftAtStop;
      Duration finished;
      List<KafkaStreams.State> states;
      int replaced;
      try (LocalPipeline pipeline = history.startTopology("failover")) {
        // (the coordinators are looked up after the first commit, so that the stop, once a
        // quarter of the inputs are committed, still finds most of the work ahead)
        history.awaitCommitted("failover", 1);
        stopped = history.groupCoordinator("failover");
        transactionCoordinators = history.transactionCoordinators("failover");
        history.awaitCommitted("failover", RECORDS / 4);
        leftAtStop = RECORDS - history.committed("failover");
        assertThat(history.groupCoordinator("failover"))
            .as("the group's coordinator at the stop")
            .isEqualTo(stopped);
        cluster.stopBroker(stopped);
        long down = System.nanoTime();
        history.awaitAllCommitted("failover");
        finished = Duration.ofNanos(System.nanoTime() - down);
        actual = pipeline.awaitOutputs(CATCH_UP, remaining -> {});
        states = pipeline.app().transitions().stream().map(Transition::to).toList();
        replaced = pipeline.app().threadsReplaced();
        LOG.info(
            "Broker failover: broker {} stopped (group coordinator; transaction coordinators {}),"
                + " {} of {} inputs left at the stop, all committed {} ms after it, states {},"
                + " threads replaced {}",
            stopped,
            transactionCoordinators,
            leftAtStop,
            RECORDS,
            finished.toMillis(),
            states,
            replaced);

        // ... and, once the outputs are read, comes back
        cluster.restartBroker(stopped);
        await()
            .atMost(RECOVERY)
            .pollInterval(Duration.ofMillis(500))
            .until(() -> history.brokersServing() == 3);
        assertThat(pipeline.app().streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
      }

      // Then the broker went away in the middle of the work
      assertThat(leftAtStop).as("inputs left when the broker was stopped").isPositive();
      // ... the topology carried on without ever failing
      assertThat(states)
          .as("every state the listener saw")
          .doesNotContainAnyElementsOf(FAILED)
          .last()
          .isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(replaced).as("stream threads that died and were replaced").isZero();
      assertThat(finished).isLessThan(RECOVERY);
      // ... and its outputs are the uninterrupted run's, record for record
      history.assertSameOutputs(actual, expected);
    }
  }

  /** The synthetic records on one cluster, and the runs of the topology over them. */
  private record History(String bootstrapServers, Topics topics) {
    static History publish(EmbeddedKafkaCluster cluster, String prefix) throws Exception {
      History history = new History(cluster.bootstrapServers(), Topics.withPrefix(prefix));
      // Every broker serves the topics before the first record (see InstanceChurnEndToEndTest).
      cluster.createTopics(history.topics.all(), PARTITIONS);
      try (KafkaPublisher publisher = KafkaPublisher.create(history.client(), history.topics)) {
        CrashRecoveryEndToEndTest.publishMonthlyFiles(
            publisher, new SyntheticTrade(RECORDS, 42, YEARS));
      }
      return history;
    }

    Properties client() {
      Properties p = new Properties();
      p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      return p;
    }

    Topics reference() {
      return topics.withOutputPrefix(topics.prefix() + "reference.");
    }

    /**
     * The outputs of an uninterrupted run over the history. Both tests publish the same records
     * (same seed, size and partitions), so the run is made once, on the first test's cluster, and
     * kept with the revisions it recorded.
     */
    Uninterrupted uninterruptedRun() throws InterruptedException {
      synchronized (BrokerRestartEndToEndTest.class) {
        if (uninterrupted == null) {
          long started = System.nanoTime();
          try (LocalPipeline run =
              LocalPipeline.start(
                  new ClusterConnection(bootstrapServers, Map.of()),
                  "reference",
                  topics.prefix(),
                  PARTITIONS,
                  s -> s.withOutputPrefix(reference().outputPrefix()))) {
            OutputSnapshot outputs = run.awaitOutputs(CATCH_UP, remaining -> {});
            uninterrupted =
                new Uninterrupted(
                    outputs, reference(), OutputHistory.read(client(), reference().revisions()));
          }
          LOG.info(
              "Reference run over {} records: {} ms",
              RECORDS,
              (System.nanoTime() - started) / 1_000_000);
        }
        return uninterrupted;
      }
    }

    LocalPipeline startTopology(String applicationId) throws InterruptedException {
      return LocalPipeline.start(
          new ClusterConnection(bootstrapServers, Map.of()),
          applicationId,
          topics.prefix(),
          PARTITIONS,
          s -> s);
    }

    long committed(String applicationId) throws ExecutionException, InterruptedException {
      return CommittedInputs.of(client(), applicationId, topics);
    }

    void awaitCommitted(String applicationId, long inputs) {
      await()
          .atMost(CATCH_UP)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> committed(applicationId) >= inputs);
    }

    /**
     * Waits until the application has committed every input record; if it does not, fails with what
     * the cluster and the stream threads were doing.
     *
     * <p>The goal is all the inputs, not "more than at the broker's return": measured after the
     * return, the count raced the application, which could finish before the count was taken and
     * then never commit past it (seen in CI as a three-minute "stall" of an idle application).
     */
    void awaitAllCommitted(String applicationId) throws Exception {
      try {
        await()
            .atMost(RECOVERY)
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> committed(applicationId) == RECORDS);
      } catch (ConditionTimeoutException e) {
        throw new AssertionError(
            committed(applicationId)
                + " of "
                + RECORDS
                + " inputs committed; partitions without a leader or with a shrunk ISR: "
                + degradedPartitions()
                + "\nstream threads:\n"
                + streamThreads(applicationId),
            e);
      }
    }

    private List<String> degradedPartitions() throws Exception {
      try (Admin admin = Admin.create(client())) {
        Set<String> names =
            admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        return admin.describeTopics(names).allTopicNames().get().values().stream()
            .flatMap(
                d ->
                    d.partitions().stream()
                        .filter(p -> p.leader() == null || p.isr().size() < p.replicas().size())
                        .map(
                            p ->
                                d.name()
                                    + "-"
                                    + p.partition()
                                    + " leader "
                                    + (p.leader() == null ? "none" : p.leader().id())
                                    + " isr "
                                    + p.isr().stream().map(Node::id).toList()))
            .sorted()
            .toList();
      }
    }

    private static String streamThreads(String applicationId) {
      StringBuilder out = new StringBuilder();
      Thread.getAllStackTraces()
          .forEach(
              (thread, stack) -> {
                if (thread.getName().startsWith(applicationId)) {
                  out.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                  for (int i = 0; i < Math.min(12, stack.length); i++) {
                    out.append("    at ").append(stack[i]).append('\n');
                  }
                }
              });
      return out.toString();
    }

    int groupCoordinator(String applicationId) throws Exception {
      try (Admin admin = Admin.create(client())) {
        return admin
            .describeConsumerGroups(List.of(applicationId))
            .describedGroups()
            .get(applicationId)
            .get()
            .coordinator()
            .id();
      }
    }

    /** The brokers coordinating the application's transactions (one per producer). */
    Set<Integer> transactionCoordinators(String applicationId) throws Exception {
      try (Admin admin = Admin.create(client())) {
        List<String> ids =
            admin.listTransactions().all().get().stream()
                .map(TransactionListing::transactionalId)
                .filter(id -> id.startsWith(applicationId + "-"))
                .toList();
        Set<Integer> coordinators = new TreeSet<>();
        for (TransactionDescription d : admin.describeTransactions(ids).all().get().values()) {
          coordinators.add(d.coordinatorId());
        }
        return coordinators;
      }
    }

    List<Integer> replicationFactors() throws Exception {
      try (Admin admin = Admin.create(client())) {
        return admin
            .describeTopics(topics.all().stream().map(t -> t.name()).toList())
            .allTopicNames()
            .get()
            .values()
            .stream()
            .flatMap(d -> d.partitions().stream())
            .map(p -> p.replicas().size())
            .distinct()
            .toList();
      }
    }

    int brokersServing() throws Exception {
      try (Admin admin = Admin.create(client())) {
        return admin.describeCluster().nodes().get().size();
      }
    }

    void assertSameOutputs(OutputSnapshot actual, Uninterrupted expected) {
      OutputDiff diff = OutputDiff.of(actual, topics, expected.outputs(), expected.topics());
      assertThat(diff.isEmpty()).as(diff.render(5)).isTrue();
      assertThat(actual.topic(topics.tradeMonthly())).hasSizeGreaterThan(RECORDS / 10);
      assertThat(actual.topic(topics.revisions())).isNotEmpty();
      // A snapshot keeps each key's last record, blind to a revision written twice: compare the
      // revisions as histories (see OutputComparisonNegativeControlTest).
      assertThat(
              OutputHistory.diff(
                  OutputHistory.read(client(), topics.revisions()), expected.revisions()))
          .isEmpty();
      assertThat(OutputDiff.comparable(actual.topic(topics.alerts()))).isNotEmpty();
    }
  }
}
