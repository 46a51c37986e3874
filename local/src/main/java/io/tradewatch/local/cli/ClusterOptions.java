package io.tradewatch.local.cli;

import io.tradewatch.local.run.ClusterConnection;
import io.tradewatch.producers.cli.ConnectionOptions;
import io.tradewatch.producers.cli.InputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How the pipeline's commands find Kafka ({@code @Mixin}): the connection ({@link
 * ConnectionOptions}), or without bootstrap servers an embedded broker bound to {@code
 * --broker-host}; and the partitions of the topics they create.
 */
public final class ClusterOptions {
  @Mixin ConnectionOptions kafka = new ConnectionOptions();

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
    if (kafka.clientConfig() != null) {
      InputFiles.requireReadable(spec, List.of(kafka.clientConfig()));
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

  /**
   * The cluster of a command that cannot start an embedded broker.
   *
   * @throws picocli.CommandLine.ParameterException (exit code 2) when no bootstrap servers are
   *     given
   */
  ClusterConnection requireCluster(picocli.CommandLine.Model.CommandSpec spec) {
    try {
      kafka.requireBootstrapServers(spec);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read client config " + kafka.clientConfig(), e);
    }
    return connection();
  }

  /** The cluster the options name, or an embedded one; the config file is read here. */
  ClusterConnection connection() {
    try {
      return new ClusterConnection(kafka.bootstrapServers(), kafka.settings(), brokerHost);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read client config " + kafka.clientConfig(), e);
    }
  }
}
