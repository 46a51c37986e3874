package io.tradewatch.broker;

import io.tradewatch.schemas.Topic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.authenticator.CredentialCache;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.PreboundSocketFactoryManager;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster in KRaft mode (no ZooKeeper) inside this JVM, for the local mode and the
 * tests: broker nodes, the first also the (single) controller, data in a temporary directory
 * removed on close.
 *
 * <p>Optionally with client listeners that authenticate (SASL) or encrypt (TLS), see {@link
 * SecureListeners}.
 *
 * <p>This is the only class that touches Kafka's internal test kit ({@code KafkaClusterTestKit},
 * {@code TestKitNodes}, {@code BrokerServer}), so a Kafka upgrade that changes it changes one file.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

  private static final Duration SCRAM_READY_TIMEOUT = Duration.ofSeconds(30);

  /** Where every listener binds unless told otherwise: this machine only. */
  public static final String LOOPBACK = "127.0.0.1";

  private static final int CONTROLLER_NODE = 0;
  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]");

  private final KafkaClusterTestKit cluster;
  private final int brokers;
  private final short replication;
  private final SecureListeners secure;
  private final String host;
  private final ListenerName brokerListener;

  private EmbeddedKafkaCluster(
      KafkaClusterTestKit cluster,
      int brokers,
      SecureListeners secure,
      String host,
      ListenerName brokerListener) {
    this.cluster = cluster;
    this.brokers = brokers;
    this.replication = (short) Math.min(3, brokers);
    this.secure = secure;
    this.host = host;
    this.brokerListener = brokerListener;
  }

  /**
   * Formats and starts a cluster of {@code brokers} brokers (node 0 also the controller) and waits
   * until every broker serves: 1 for ordinary use, 3 for replication and broker-failure tests.
   * Every listener binds {@value #LOOPBACK} only.
   */
  public static EmbeddedKafkaCluster start(int brokers) {
    return start(brokers, SecureListeners.none());
  }

  /**
   * As {@link #start(int)}, with the SASL and TLS client listeners of {@code secure} on every
   * broker besides the plaintext one ({@link #saslBootstrapServers()}, {@link
   * #tlsBootstrapServers()}). Returns once SCRAM users can log in on every broker.
   */
  public static EmbeddedKafkaCluster start(int brokers, SecureListeners secure) {
    return start(brokers, secure, LOOPBACK);
  }

  /**
   * As {@link #start(int, SecureListeners)}, the client listeners (plaintext, SASL, TLS) bound to
   * {@code host}: {@value #LOOPBACK} keeps the cluster to this machine, {@code 0.0.0.0} opens it to
   * every network the machine is on, without authentication on the plaintext listener. The
   * controller listener stays on {@value #LOOPBACK} whatever the host: only the brokers of this JVM
   * talk to it.
   */
  public static EmbeddedKafkaCluster start(int brokers, SecureListeners secure, String host) {
    if (brokers < 1) {
      throw new IllegalArgumentException("brokers must be at least 1, was " + brokers);
    }
    String bindHost = listenerHost(host);
    long started = System.nanoTime();
    ListenerName brokerListener = new ListenerName("BROKER");
    ListenerName controllerListener = new ListenerName("CONTROLLER");
    TestKitNodes nodes = nodes(brokers, secure, bindHost, brokerListener, controllerListener);
    KafkaClusterTestKit cluster = null;
    try {
      cluster = testKit(nodes, brokers);
      releasePreboundSockets(cluster, brokers, brokerListener, controllerListener);
      formatQuietly(cluster);
      cluster.startup();
      cluster.waitForReadyBrokers();
      if (secure.hasSasl()) {
        addScramUsers(
            cluster, clientAddresses(cluster, bindHost, brokerListener), secure.saslUsers());
      }
    } catch (Exception e) {
      closeQuietly(cluster);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Cannot start the embedded Kafka cluster: " + e, e);
    }
    EmbeddedKafkaCluster ready =
        new EmbeddedKafkaCluster(cluster, brokers, secure, bindHost, brokerListener);
    LOG.info(
        "Embedded KRaft cluster of {} broker(s) at {}{}{} ready in {} ms (data in {})",
        brokers,
        ready.bootstrapServers(),
        secure.hasSasl() ? ", SASL_PLAINTEXT at " + ready.saslBootstrapServers() : "",
        secure.hasTls() ? ", SSL at " + ready.tlsBootstrapServers() : "",
        (System.nanoTime() - started) / 1_000_000,
        nodes.baseDirectory());
    return ready;
  }

  /**
   * The nodes: every one a combined broker and controller process, the client listeners bound to
   * {@code bindHost}, the controller's listener on node 0 only and on loopback.
   */
  private static TestKitNodes nodes(
      int brokers,
      SecureListeners secure,
      String bindHost,
      ListenerName brokerListener,
      ListenerName controllerListener) {
    Map<Integer, Map<String, String>> perNode = new LinkedHashMap<>();
    for (int node = 0; node < brokers; node++) {
      String plaintext = brokerListener.value() + "://" + bindHost + ":0";
      if (node == CONTROLLER_NODE) {
        plaintext += "," + controllerListener.value() + "://" + LOOPBACK + ":0";
      }
      perNode.put(
          node,
          secure.brokerConfig(
              plaintext,
              brokerListener.value() + ":PLAINTEXT," + controllerListener.value() + ":PLAINTEXT",
              bindHost));
    }
    return new TestKitNodes.Builder(
            // What a production broker of this version runs; the test kit's default turns
            // unstable metadata features on.
            BootstrapMetadata.fromVersion(MetadataVersion.latestProduction(), "tradewatch"))
        .setCombined(true)
        .setNumBrokerNodes(brokers)
        // One controller, on node 0: with a quorum of three, a follower controller's raft
        // thread could die at start-up (Kafka 4.3.1: "Received unexpected invalid request
        // error" answering its UpdateVoter request), after which the cluster no longer got a
        // Streams application to RUNNING. These clusters test brokers, not the controller
        // quorum.
        .setNumControllerNodes(1)
        .setBrokerListenerName(brokerListener)
        .setControllerListenerName(controllerListener)
        // Listeners per node: only node 0 has the controller's.
        .setPerServerProperties(perNode)
        .build();
  }

  /** The cluster's broker settings, sized to its number of brokers; not started. */
  private static KafkaClusterTestKit testKit(TestKitNodes nodes, int brokers) throws Exception {
    String replication = Integer.toString(Math.min(3, brokers));
    String minIsr = Integer.toString(Math.min(2, brokers));
    return new KafkaClusterTestKit.Builder(nodes)
        .setConfigProp("unstable.feature.versions.enable", "false")
        // Internal topics cannot have more replicas than there are brokers: with the
        // defaults (3) consumer groups and transactions hang on one broker without an error.
        .setConfigProp("offsets.topic.replication.factor", replication)
        .setConfigProp("offsets.topic.num.partitions", "5")
        .setConfigProp("transaction.state.log.replication.factor", replication)
        .setConfigProp("transaction.state.log.min.isr", minIsr)
        .setConfigProp("transaction.state.log.num.partitions", "5")
        .setConfigProp("share.coordinator.state.topic.replication.factor", replication)
        .setConfigProp("share.coordinator.state.topic.min.isr", minIsr)
        .setConfigProp("default.replication.factor", replication)
        .setConfigProp("min.insync.replicas", minIsr)
        // Tests start consumers one at a time; the 3 s default only delays the first poll.
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        // A restarted broker cannot register again until the controller has expired its old
        // session: 9 s by default, ~4 s here. Not shorter: a loaded test machine that stalls
        // a heartbeat for longer would fence the broker in the middle of a test.
        .setConfigProp("broker.heartbeat.interval.ms", "1000")
        .setConfigProp("broker.session.timeout.ms", "4000")
        // Every topic comes from the registry; a typo must fail, not create a topic.
        .setConfigProp("auto.create.topics.enable", "false")
        // Records are stamped with their statistical period (years ago), so a topic left on
        // time-based retention loses them at the first check. Checking every few seconds
        // (production: 5 minutes) makes such a mistake fail every test at once.
        .setConfigProp("log.retention.check.interval.ms", "3000")
        .setDeleteOnClose(true)
        .build();
  }

  /**
   * SCRAM credentials are cluster metadata, not broker config: they are written through the
   * controller and reach each broker's credential cache a moment later. A client logging in before
   * that fails, so this waits until every broker knows every user.
   */
  private static void addScramUsers(
      KafkaClusterTestKit cluster, String bootstrapServers, Map<String, String> users)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<UserScramCredentialAlteration> upserts =
        users.entrySet().stream()
            .<UserScramCredentialAlteration>map(
                user ->
                    new UserScramCredentialUpsertion(
                        user.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                        user.getValue()))
            .toList();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
    }
    long deadline = System.nanoTime() + SCRAM_READY_TIMEOUT.toNanos();
    while (!scramUsersKnown(cluster, users.keySet())) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "SCRAM users "
                + users.keySet()
                + " not known to every broker in "
                + SCRAM_READY_TIMEOUT);
      }
      Thread.sleep(20);
    }
  }

  private static boolean scramUsersKnown(KafkaClusterTestKit cluster, Set<String> users) {
    for (BrokerServer broker : cluster.brokers().values()) {
      CredentialCache.Cache<ScramCredential> cache =
          broker
              .credentialProvider()
              .credentialCache
              .cache(ScramMechanism.SCRAM_SHA_512.mechanismName(), ScramCredential.class);
      if (cache == null || users.stream().anyMatch(user -> cache.get(user) == null)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The test kit binds every node's broker and controller listener before the nodes start, on all
   * interfaces ({@code PreboundSocketFactoryManager}, so that ports are known early), whatever host
   * the listener names: an outsider could then connect to the broker and the controller. Closing
   * those sockets makes each server open its listener itself, on its configured host and on the
   * same port (what the test kit does when a broker restarts). The test kit offers no setting for
   * this, hence the reflection; it is confined to this method.
   */
  private static void releasePreboundSockets(
      KafkaClusterTestKit cluster,
      int brokers,
      ListenerName brokerListener,
      ListenerName controllerListener)
      throws ReflectiveOperationException, IOException {
    Field field = KafkaClusterTestKit.class.getDeclaredField("socketFactoryManager");
    field.setAccessible(true);
    PreboundSocketFactoryManager sockets = (PreboundSocketFactoryManager) field.get(cluster);
    for (int node = 0; node < brokers; node++) {
      for (ListenerName listener : List.of(brokerListener, controllerListener)) {
        ServerSocketChannel prebound =
            sockets.getSocketForListenerAndMarkAsUsed(node, listener.value());
        if (prebound != null) {
          prebound.close();
        }
      }
    }
  }

  /** {@code host} as a listener URL wants it: IPv6 literals in brackets. */
  private static String listenerHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("broker host is empty");
    }
    String trimmed = host.trim();
    return trimmed.contains(":") && !trimmed.startsWith("[") ? "[" + trimmed + "]" : trimmed;
  }

  /** Addresses clients use for the listener: the bound host, or loopback for a wildcard. */
  private static String clientAddresses(
      KafkaClusterTestKit cluster, String host, ListenerName listener) {
    String connectTo = WILDCARDS.contains(host) ? LOOPBACK : host;
    return cluster.brokers().values().stream()
        .map(broker -> connectTo + ":" + broker.boundPort(listener))
        .collect(Collectors.joining(","));
  }

  /**
   * Kafka's storage formatter prints to standard output; tradewatch keeps standard output for
   * results (tables, JSON lines) and the console for progress, so the formatter's lines are logged.
   */
  private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
    synchronized (EmbeddedKafkaCluster.class) {
      PrintStream out = System.out;
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      try {
        cluster.format();
      } finally {
        System.setOut(out);
        printed.toString(StandardCharsets.UTF_8).lines().forEach(line -> LOG.info("{}", line));
      }
    }
  }

  /** The plaintext listener of every running broker, as clients on this machine reach it. */
  public String bootstrapServers() {
    return clientAddresses(cluster, host, brokerListener);
  }

  /** The host every client listener is bound to ({@value #LOOPBACK} unless told otherwise). */
  public String host() {
    return host;
  }

  /**
   * The SASL_PLAINTEXT listener of every running broker ({@code PLAIN} or {@code SCRAM-SHA-512}
   * with the users of {@link SecureListeners#withSaslUser}). Its ports are chosen at start-up, and
   * again when a broker restarts.
   *
   * @throws IllegalStateException when the cluster was started without SASL users
   */
  public String saslBootstrapServers() {
    if (!secure.hasSasl()) {
      throw new IllegalStateException("No SASL listener: start the cluster with a SASL user");
    }
    return listenerAddresses(SecureListeners.SASL_LISTENER);
  }

  /**
   * The SSL listener of every running broker; its certificate is the key store's given to {@link
   * SecureListeners#withTls}. Ports as for {@link #saslBootstrapServers()}.
   *
   * @throws IllegalStateException when the cluster was started without TLS
   */
  public String tlsBootstrapServers() {
    if (!secure.hasTls()) {
      throw new IllegalStateException("No TLS listener: start the cluster with a key store");
    }
    return listenerAddresses(SecureListeners.TLS_LISTENER);
  }

  private String listenerAddresses(String listener) {
    return clientAddresses(cluster, host, new ListenerName(listener));
  }

  /**
   * The port of every listener of every running node, the controller's included: what an outsider
   * could try to connect to.
   */
  List<Integer> listenerPorts() {
    List<Integer> ports = new java.util.ArrayList<>();
    cluster.brokers().values().forEach(broker -> ports.add(broker.boundPort(brokerListener)));
    for (String controller : cluster.bootstrapControllers().split(",")) {
      ports.add(Integer.parseInt(controller.substring(controller.lastIndexOf(':') + 1)));
    }
    return ports;
  }

  public int brokers() {
    return brokers;
  }

  /**
   * Creates the topics that do not exist yet, with {@code partitions} partitions and min(3,
   * brokers) replicas, and returns once every broker can serve them. Existing topics are left as
   * they are.
   */
  public void createTopics(Collection<? extends Topic<?, ?>> topics, int partitions) {
    Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    topics.forEach(topic -> configs.put(topic.name(), topic.configs()));
    TopicAdmin.createTopics(bootstrapServers(), configs, partitions, Optional.of(replication));
  }

  /** Creates one topic unless it exists; see {@link #createTopics}. */
  public void createTopic(String name, int partitions) {
    create(Set.of(name), partitions);
  }

  private void create(Set<String> names, int partitions) {
    TopicAdmin.createTopics(bootstrapServers(), names, partitions, Optional.of(replication));
  }

  /**
   * Stops broker {@code nodeId} (0 to brokers-1), keeping its data and its controller; for
   * broker-failure tests. Clients see the broker disappear as they would in production.
   */
  public void stopBroker(int nodeId) {
    BrokerServer broker = broker(nodeId);
    broker.shutdown();
    broker.awaitShutdown();
    LOG.info("Embedded broker {} stopped", nodeId);
  }

  /** Starts a broker stopped by {@link #stopBroker} again, on the same data and port. */
  public void restartBroker(int nodeId) {
    long started = System.nanoTime();
    broker(nodeId).startup();
    try {
      cluster.waitForReadyBrokers();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Broker " + nodeId + " did not come back", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while restarting broker " + nodeId, e);
    }
    LOG.info(
        "Embedded broker {} restarted in {} ms", nodeId, (System.nanoTime() - started) / 1_000_000);
  }

  private BrokerServer broker(int nodeId) {
    BrokerServer broker = cluster.brokers().get(nodeId);
    if (broker == null) {
      throw new IllegalArgumentException(
          "No broker " + nodeId + "; brokers are " + cluster.brokers().keySet());
    }
    return broker;
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
