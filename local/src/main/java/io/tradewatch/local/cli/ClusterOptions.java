package io.tradewatch.local.cli;

import io.tradewatch.local.run.ClusterConnection;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every sub-command shares to choose the Kafka cluster. */
public final class ClusterOptions {
  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      description =
          "A real Kafka cluster to use. Without it, tradewatch starts an embedded KRaft broker.")
  String bootstrapServers;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      description =
          "Java properties file with Kafka client settings (security.protocol, ssl.*, sasl.*, ...)."
              + " Passed to every client; values are never printed.")
  Path clientConfig;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "3",
      description = "Partitions of the topics tradewatch creates (default: ${DEFAULT-VALUE}).")
  int partitions;

  /**
   * Checks the options before anything starts.
   *
   * @throws picocli.CommandLine.ParameterException (exit code 2) naming the option
   */
  void validate(picocli.CommandLine.Model.CommandSpec spec) {
    if (partitions < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--partitions must be at least 1, was " + partitions);
    }
    if (clientConfig != null) {
      io.tradewatch.producers.cli.InputFiles.requireReadable(spec, java.util.List.of(clientConfig));
    }
  }

  @Option(
      names = "--broker-host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description =
          "Address the embedded broker's listeners bind to (default: ${DEFAULT-VALUE}, this machine"
              + " only; 0.0.0.0 exposes it, unauthenticated, to the network).")
  String brokerHost;

  ClusterConnection connection() {
    Map<String, String> props =
        clientConfig == null ? Map.of() : ClusterConnection.load(clientConfig);
    return new ClusterConnection(bootstrapServers, props, brokerHost);
  }
}
