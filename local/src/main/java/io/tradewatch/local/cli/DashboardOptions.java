package io.tradewatch.local.cli;

import io.tradewatch.dashboard.DashboardSettings;
import java.util.HashMap;
import java.util.Map;
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

  @Option(
      names = "--http-advertised-host",
      paramLabel = "HOST",
      description =
          "How other instances reach this one (needed when binding 0.0.0.0); default: --http-host.")
  String advertisedHost;

  @Option(names = "--no-dashboard", description = "Do not serve the dashboard.")
  boolean disabled;

  DashboardSettings settings() {
    if (disabled) {
      return null;
    }
    Map<String, String> values = new HashMap<>();
    values.put("dashboard.host", host);
    values.put("dashboard.port", Integer.toString(port));
    // From the environment, not an option: a command line is visible to every user of the machine.
    values.put("dashboard.peer.secret", System.getenv("TRADEWATCH_PEER_SECRET"));
    if (advertisedHost != null) {
      values.put("dashboard.advertised.host", advertisedHost);
    }
    return DashboardSettings.fromMap(values);
  }
}
