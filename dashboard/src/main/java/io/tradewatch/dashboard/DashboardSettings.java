package io.tradewatch.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's settings, validated once: a bad value fails at start-up with a message naming the
 * setting.
 *
 * @param host interface the HTTP server binds to ({@code dashboard.host}, default {@value
 *     #DEFAULT_HOST})
 * @param port HTTP port ({@code dashboard.port}, default {@value #DEFAULT_PORT}; 0 = any free port)
 * @param advertisedHost host other instances use to reach this one; Kafka Streams publishes it as
 *     {@code application.server} ({@code dashboard.advertised.host}, default: {@code host})
 * @param advertisedPort port other instances use ({@code dashboard.advertised.port}, default:
 *     {@code port}; 0 = same as {@code port})
 * @param revisionsKept how many of the latest revisions {@code /api/revisions} keeps in memory
 * @param streamQueue events buffered per push client; a client that falls further behind gets a
 *     {@code resync} event instead of the events it missed, so it never slows the others down
 * @param forwardTimeout timeout of a request forwarded to another instance
 * @param peerSecret shared by every instance of one application ({@code dashboard.peer.secret}, at
 *     least 16 characters): the peer-internal requests (store scans, forwarded and standby reads)
 *     carry it and are refused without it. Default: random, generated once per JVM, so instances in
 *     one process find each other and instances in separate processes must be given the same value.
 *     Never printed.
 * @param streamMaxClients push clients served at once ({@code dashboard.stream.max.clients});
 *     further ones get 503 with {@code Retry-After}
 * @param streamMaxClientsPerAddress push clients served at once per remote address ({@code
 *     dashboard.stream.max.clients.per.address})
 * @param streamIdleTimeout how long a connection may go without accepting data ({@code
 *     dashboard.idle.timeout.ms}); push clients get a keep-alive comment every half of it, so a
 *     client that stops reading is dropped after about this long
 */
public record DashboardSettings(
    String host,
    int port,
    String advertisedHost,
    int advertisedPort,
    int revisionsKept,
    int streamQueue,
    Duration forwardTimeout,
    String peerSecret,
    int streamMaxClients,
    int streamMaxClientsPerAddress,
    Duration streamIdleTimeout) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_REVISIONS_KEPT = 500;
  public static final int DEFAULT_STREAM_QUEUE = 1_000;
  public static final Duration DEFAULT_FORWARD_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_STREAM_MAX_CLIENTS = 500;
  public static final int DEFAULT_STREAM_MAX_CLIENTS_PER_ADDRESS = 20;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  /** One per JVM: instances started in the same process trust each other without configuration. */
  private static final String PROCESS_SECRET = randomSecret();

  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]");

  public DashboardSettings {
    require(host != null && !host.isBlank(), "dashboard.host", "is empty");
    require(port >= 0 && port <= 65_535, "dashboard.port", "must be 0..65535, was " + port);
    if (advertisedHost == null || advertisedHost.isBlank()) {
      require(
          !WILDCARDS.contains(host),
          "dashboard.advertised.host",
          "must be set when binding all interfaces (" + host + "): other instances need a name");
      advertisedHost = host;
    }
    require(
        !advertisedHost.contains(":") || advertisedHost.startsWith("["),
        "dashboard.advertised.host",
        "must be a host name or address without port, was '" + advertisedHost + "'");
    require(
        advertisedPort >= 0 && advertisedPort <= 65_535,
        "dashboard.advertised.port",
        "must be 0..65535, was " + advertisedPort);
    if (advertisedPort == 0) {
      advertisedPort = port;
    }
    require(
        revisionsKept >= 1 && revisionsKept <= 100_000,
        "dashboard.revisions.kept",
        "must be 1..100000, was " + revisionsKept);
    require(
        streamQueue >= 1 && streamQueue <= 1_000_000,
        "dashboard.stream.queue",
        "must be 1..1000000, was " + streamQueue);
    require(
        forwardTimeout != null && !forwardTimeout.isNegative() && !forwardTimeout.isZero(),
        "dashboard.forward.timeout",
        "must be positive, was " + forwardTimeout);
    if (peerSecret == null || peerSecret.isEmpty()) {
      peerSecret = PROCESS_SECRET;
    }
    require(
        peerSecret.length() >= 16,
        "dashboard.peer.secret",
        "must be at least 16 characters, was " + peerSecret.length());
    require(
        streamMaxClients >= 1 && streamMaxClients <= 100_000,
        "dashboard.stream.max.clients",
        "must be 1..100000, was " + streamMaxClients);
    require(
        streamMaxClientsPerAddress >= 1 && streamMaxClientsPerAddress <= streamMaxClients,
        "dashboard.stream.max.clients.per.address",
        "must be 1..dashboard.stream.max.clients ("
            + streamMaxClients
            + "), was "
            + streamMaxClientsPerAddress);
    require(
        streamIdleTimeout != null && streamIdleTimeout.toMillis() >= 1_000,
        "dashboard.idle.timeout.ms",
        "must be at least 1000, was "
            + (streamIdleTimeout == null ? null : streamIdleTimeout.toMillis()));
  }

  /** Names every setting but the secret. */
  @Override
  public String toString() {
    return "DashboardSettings[host="
        + host
        + ", port="
        + port
        + ", advertised="
        + advertisedHost
        + ":"
        + advertisedPort
        + ", revisionsKept="
        + revisionsKept
        + ", streamQueue="
        + streamQueue
        + ", forwardTimeout="
        + forwardTimeout
        + ", streamMaxClients="
        + streamMaxClients
        + ", streamMaxClientsPerAddress="
        + streamMaxClientsPerAddress
        + ", streamIdleTimeout="
        + streamIdleTimeout
        + "]";
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** 127.0.0.1:8080, advertised as such. */
  public static DashboardSettings defaults() {
    return of(DEFAULT_HOST, DEFAULT_PORT);
  }

  public static DashboardSettings of(String host, int port) {
    return new DashboardSettings(
        host,
        port,
        null,
        0,
        DEFAULT_REVISIONS_KEPT,
        DEFAULT_STREAM_QUEUE,
        DEFAULT_FORWARD_TIMEOUT,
        null,
        DEFAULT_STREAM_MAX_CLIENTS,
        DEFAULT_STREAM_MAX_CLIENTS_PER_ADDRESS,
        DEFAULT_IDLE_TIMEOUT);
  }

  /**
   * Settings from {@code dashboard.*} keys (host, port, advertised.host, advertised.port,
   * revisions.kept, stream.queue, forward.timeout.ms, peer.secret, stream.max.clients,
   * stream.max.clients.per.address, idle.timeout.ms); missing keys take the defaults.
   */
  public static DashboardSettings fromMap(Map<String, String> values) {
    return new DashboardSettings(
        values.getOrDefault("dashboard.host", DEFAULT_HOST),
        integer(values, "dashboard.port", DEFAULT_PORT),
        values.get("dashboard.advertised.host"),
        integer(values, "dashboard.advertised.port", 0),
        integer(values, "dashboard.revisions.kept", DEFAULT_REVISIONS_KEPT),
        integer(values, "dashboard.stream.queue", DEFAULT_STREAM_QUEUE),
        Duration.ofMillis(
            integer(
                values, "dashboard.forward.timeout.ms", (int) DEFAULT_FORWARD_TIMEOUT.toMillis())),
        values.get("dashboard.peer.secret"),
        integer(values, "dashboard.stream.max.clients", DEFAULT_STREAM_MAX_CLIENTS),
        integer(
            values,
            "dashboard.stream.max.clients.per.address",
            DEFAULT_STREAM_MAX_CLIENTS_PER_ADDRESS),
        Duration.ofMillis(
            integer(values, "dashboard.idle.timeout.ms", (int) DEFAULT_IDLE_TIMEOUT.toMillis())));
  }

  public DashboardSettings withPort(int newPort) {
    return new DashboardSettings(
        host,
        newPort,
        advertisedHost.equals(host) ? null : advertisedHost,
        advertisedPort == port ? 0 : advertisedPort,
        revisionsKept,
        streamQueue,
        forwardTimeout,
        peerSecret,
        streamMaxClients,
        streamMaxClientsPerAddress,
        streamIdleTimeout);
  }

  public DashboardSettings withAdvertised(String newHost, int newPort) {
    return new DashboardSettings(
        host,
        port,
        newHost,
        newPort,
        revisionsKept,
        streamQueue,
        forwardTimeout,
        peerSecret,
        streamMaxClients,
        streamMaxClientsPerAddress,
        streamIdleTimeout);
  }

  public DashboardSettings withRevisionsKept(int count) {
    return new DashboardSettings(
        host,
        port,
        advertisedHost,
        advertisedPort,
        count,
        streamQueue,
        forwardTimeout,
        peerSecret,
        streamMaxClients,
        streamMaxClientsPerAddress,
        streamIdleTimeout);
  }

  public DashboardSettings withStreamQueue(int events) {
    return new DashboardSettings(
        host,
        port,
        advertisedHost,
        advertisedPort,
        revisionsKept,
        events,
        forwardTimeout,
        peerSecret,
        streamMaxClients,
        streamMaxClientsPerAddress,
        streamIdleTimeout);
  }

  /** As these, with at most {@code total} push clients, {@code perAddress} from one address. */
  public DashboardSettings withStreamLimits(int total, int perAddress) {
    return new DashboardSettings(
        host,
        port,
        advertisedHost,
        advertisedPort,
        revisionsKept,
        streamQueue,
        forwardTimeout,
        peerSecret,
        total,
        perAddress,
        streamIdleTimeout);
  }

  /** As these, instances authenticating each other with {@code secret}. */
  public DashboardSettings withPeerSecret(String secret) {
    return new DashboardSettings(
        host,
        port,
        advertisedHost,
        advertisedPort,
        revisionsKept,
        streamQueue,
        forwardTimeout,
        secret,
        streamMaxClients,
        streamMaxClientsPerAddress,
        streamIdleTimeout);
  }

  /**
   * The same settings on a port that is free now. Kafka Streams must know the port before the
   * server starts ({@code application.server}), so port 0 cannot be resolved later; another process
   * could in principle take the port between this call and the start (fine for tests and a local
   * run).
   */
  public DashboardSettings withFreePort() {
    if (port != 0) {
      return this;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return withPort(socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("dashboard.host " + host + ": cannot find a free port", e);
    }
  }

  /**
   * The value of Kafka Streams' {@code application.server} for this instance: {@code
   * advertisedHost:advertisedPort}.
   *
   * @throws IllegalStateException when the port is 0 (call {@link #withFreePort()} first)
   */
  public String applicationServer() {
    if (advertisedPort == 0) {
      throw new IllegalStateException(
          "dashboard.port is 0 (any free port) and no dashboard.advertised.port is set: Kafka"
              + " Streams needs the real port before start; use withFreePort()");
    }
    return advertisedHost + ":" + advertisedPort;
  }

  private static int integer(Map<String, String> values, String key, int defaultValue) {
    String raw = values.get(key);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was '" + raw + "'", e);
    }
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(key + " " + problem);
    }
  }
}
