package io.tradewatch.local.run;

import io.tradewatch.dashboard.DashboardServer;
import io.tradewatch.dashboard.DashboardSettings;
import io.tradewatch.streams.app.StreamsSettings;
import io.tradewatch.streams.app.TradewatchApp;
import java.util.Optional;
import java.util.Properties;

/**
 * One instance of the topology with, optionally, its dashboard: the one place that wires the two
 * (the dashboard's address advertised as the instance's {@code application.server}, the server
 * started on the instance's streams before they run). {@code tradewatch run}, {@code demo} and
 * {@code analyze} all start instances through it.
 */
public final class ServingApp implements AutoCloseable {
  private final TradewatchApp app;
  private final DashboardServer dashboard;

  private ServingApp(TradewatchApp app, DashboardServer dashboard) {
    this.app = app;
    this.dashboard = dashboard;
  }

  /**
   * Builds the instance and serves its dashboard; the topology is not started yet.
   *
   * @param dashboardSettings null for no dashboard; port 0 takes a free one
   * @param client client settings of the dashboard's update consumer
   */
  public static ServingApp create(
      StreamsSettings settings, DashboardSettings dashboardSettings, Properties client) {
    if (dashboardSettings == null) {
      return new ServingApp(new TradewatchApp(settings), null);
    }
    DashboardSettings dash = dashboardSettings.withFreePort();
    StreamsSettings advertised =
        settings.withClientProperties(
            DashboardServer.streamsProperties(dash, settings.clientProperties()));
    TradewatchApp app = new TradewatchApp(advertised);
    try {
      return new ServingApp(
          app, DashboardServer.start(dash, app.streams(), advertised.topics(), client));
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  /** Starts the topology. */
  public ServingApp start() {
    app.start();
    return this;
  }

  public TradewatchApp app() {
    return app;
  }

  public Optional<DashboardServer> dashboard() {
    return Optional.ofNullable(dashboard);
  }

  /** Stops the dashboard, then the topology. */
  @Override
  public void close() {
    if (dashboard != null) {
      dashboard.close();
    }
    app.close();
  }
}
