package io.tradewatch.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.schemas.Topics;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard of one tradewatch instance: a JSON API over the topology's stores (any instance
 * answers any key: it forwards to the owner, and fans scans out to every instance), server-sent
 * output updates, Prometheus metrics at {@code /metrics} and the web page at {@code /}.
 *
 * <p>Wiring: the streams must advertise this server as {@code application.server} so instances can
 * find each other:
 *
 * <pre>{@code
 * DashboardSettings dashboard = DashboardSettings.defaults().withFreePort(); // or a fixed port
 * TradewatchApp app = new TradewatchApp(streamsSettings.withClientProperties(
 *     DashboardServer.streamsProperties(dashboard, streamsSettings.clientProperties())));
 * try (DashboardServer server = DashboardServer.start(
 *         dashboard, app.streams(), streamsSettings.topics(), clientProperties)) {
 *   app.start();  // Kafka Streams metrics are then bound before the start
 *   ...
 * }
 * }</pre>
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
  private static final Duration FEED_READY = Duration.ofSeconds(30);

  private final DashboardSettings settings;
  private final Javalin app;
  private final DashboardMetrics metrics;
  private final OutputFeed feed;
  private final StreamHub hub;

  private DashboardServer(
      DashboardSettings settings,
      Javalin app,
      DashboardMetrics metrics,
      OutputFeed feed,
      StreamHub hub) {
    this.settings = settings;
    this.app = app;
    this.metrics = metrics;
    this.feed = feed;
    this.hub = hub;
  }

  /** The {@code application.server} value Kafka Streams must be given for this dashboard. */
  public static String applicationServer(DashboardSettings settings) {
    return settings.applicationServer();
  }

  /**
   * {@code existing} client properties plus {@code application.server} for this dashboard: pass
   * them to {@code StreamsSettings.withClientProperties} before creating the app.
   */
  public static Map<String, String> streamsProperties(
      DashboardSettings settings, Map<String, String> existing) {
    var out = new java.util.TreeMap<>(existing);
    out.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.applicationServer());
    return Map.copyOf(out);
  }

  /**
   * Starts the dashboard (the HTTP server, and the consumer that pushes output updates). The
   * streams may be started before or after; Kafka Streams metrics are bound here either way.
   *
   * @param settings where to listen and how other instances reach this one; port 0 picks a free
   *     port now (then Kafka Streams must have been given the same {@code application.server}:
   *     resolve it first with {@link DashboardSettings#withFreePort()})
   * @param streams this instance's topology
   * @param topics the topic registry the topology writes to (the output topics are read)
   * @param clientProperties Kafka client properties for the update consumer (bootstrap servers,
   *     security); copied, never changed
   */
  public static DashboardServer start(
      DashboardSettings settings,
      KafkaStreams streams,
      Topics topics,
      Properties clientProperties) {
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(clientProperties, "clientProperties");
    Serdes.trustGeneratedClasses();
    DashboardSettings resolved = settings.withFreePort();
    ObjectMapper json = new ObjectMapper();
    DashboardMetrics metrics = new DashboardMetrics(streams);
    StreamHub hub =
        new StreamHub(
            resolved.streamQueue(),
            resolved.streamMaxClients(),
            resolved.streamMaxClientsPerAddress(),
            resolved.streamIdleTimeout());
    metrics.pushClients(hub::clients);
    PeerAuth peers = new PeerAuth(resolved.peerSecret());
    RevisionLog revisions = new RevisionLog(resolved.revisionsKept());
    OutputFeed feed = new OutputFeed(clientProperties, topics, hub, revisions, metrics);
    LocalStores local = new LocalStores(streams);
    InstanceRouter router =
        new InstanceRouter(
            streams,
            new HostInfo(resolved.advertisedHost(), resolved.advertisedPort()),
            local,
            HttpClient.newBuilder().connectTimeout(resolved.forwardTimeout()).build(),
            resolved.forwardTimeout(),
            json,
            peers);
    ApiRoutes routes =
        new ApiRoutes(streams, topics, router, local, hub, revisions, feed, metrics, json, peers);
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jetty.host = resolved.host();
              config.jetty.port = resolved.port();
              config.staticFiles.add("/public", Location.CLASSPATH);
              config.staticFiles.enableWebjars();
              routes.register(config.routes);
              // A connection that accepts no data for this long is closed; push clients get
              // keep-alives more often, so only those that stopped reading are dropped.
              config.jetty.modifyServer(
                  server ->
                      server.addEventListener(
                          new org.eclipse.jetty.util.component.LifeCycle.Listener() {
                            @Override
                            public void lifeCycleStarting(
                                org.eclipse.jetty.util.component.LifeCycle event) {
                              for (var connector : server.getConnectors()) {
                                if (connector
                                    instanceof org.eclipse.jetty.server.AbstractConnector c) {
                                  c.setIdleTimeout(resolved.streamIdleTimeout().toMillis());
                                }
                              }
                            }
                          }));
            });
    try {
      feed.start();
      app.start();
      if (!feed.awaitReady(FEED_READY)) {
        LOG.warn("Output feed not positioned after {}: early updates may be missed", FEED_READY);
      }
    } catch (RuntimeException | InterruptedException e) {
      app.stop();
      feed.close();
      hub.close();
      metrics.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the dashboard", e);
      }
      throw (RuntimeException) e;
    }
    DashboardServer server = new DashboardServer(resolved, app, metrics, feed, hub);
    LOG.info(
        "Dashboard at {} (advertised to other instances as {})",
        server.url(),
        resolved.applicationServer());
    return server;
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    String host = settings.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = settings.advertisedHost();
    }
    return "http://" + host + ":" + port();
  }

  public DashboardSettings settings() {
    return settings;
  }

  /** The registry {@code /metrics} exposes: add your own meters to it. */
  public MeterRegistry meterRegistry() {
    return metrics.registry();
  }

  @Override
  public void close() {
    // Push clients first: their request threads end, so the HTTP server stops at once.
    hub.close();
    app.stop();
    feed.close();
    metrics.close();
  }
}
