package io.tradewatch.local.cli;

import io.tradewatch.dashboard.DashboardSettings;
import picocli.CommandLine.Option;

/** Where the dashboard (HTTP API, push stream, web page, /metrics) listens. */
public final class DashboardOptions {
  @Option(
      names = "--http-host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description =
          "Address the dashboard binds to (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "Port of the dashboard; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--no-dashboard", description = "Do not serve the dashboard.")
  boolean disabled;

  DashboardSettings settings() {
    return disabled ? null : DashboardSettings.of(host, port);
  }
}
