package io.tradewatch.producers.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where the Kafka cluster is and how to talk to it, for every command ({@code @Mixin}): {@code
 * --bootstrap-servers} and {@code --client-config}, declared once. Whether a command needs the
 * servers, or starts an embedded broker without them, is the command's rule. The config file is
 * read once; its values (passwords, keys) are never printed, only its path and the number of
 * settings.
 */
public final class ConnectionOptions {
  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      description =
          "The Kafka cluster (or bootstrap.servers in --client-config). Commands that can, start"
              + " an embedded KRaft broker without it.")
  String bootstrapServers;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      description =
          "Java properties file with Kafka client settings (security.protocol, ssl.*, sasl.*, ...),"
              + " passed to every client; values are never printed.")
  Path clientConfig;

  private Map<String, String> loaded;

  /** {@code --bootstrap-servers}, else {@code bootstrap.servers} of the config file, else null. */
  public String bootstrapServers() throws IOException {
    if (bootstrapServers != null && !bootstrapServers.isBlank()) {
      return bootstrapServers;
    }
    String fromFile = settings().get("bootstrap.servers");
    return fromFile == null || fromFile.isBlank() ? null : fromFile;
  }

  /**
   * The bootstrap servers of a command that needs a cluster: the one rule every such command
   * follows.
   *
   * @throws CommandLine.ParameterException (exit code 2, with the usage) when none are given
   * @throws IOException when the config file cannot be read
   */
  public String requireBootstrapServers(CommandSpec spec) throws IOException {
    String servers = bootstrapServers();
    if (servers == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Missing required option: '--bootstrap-servers=HOST:PORT[,...]'"
              + " (or bootstrap.servers in --client-config)");
    }
    return servers;
  }

  public Path clientConfig() {
    return clientConfig;
  }

  /**
   * The config file's settings (none without a file), read on the first call.
   *
   * @throws IOException when the file cannot be read
   */
  public Map<String, String> settings() throws IOException {
    if (loaded == null) {
      loaded = read(clientConfig);
    }
    return loaded;
  }

  /** Reads a Kafka client properties file (TLS, SASL, ...); null gives no settings. */
  public static Map<String, String> read(Path file) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (file != null) {
      Properties p = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(reader);
      }
      p.stringPropertyNames().forEach(name -> out.put(name, p.getProperty(name)));
    }
    return Map.copyOf(out);
  }

  /** Names the settings, never their values. */
  @Override
  public String toString() {
    return "bootstrapServers="
        + bootstrapServers
        + ", clientConfig="
        + clientConfig
        + (loaded == null ? "" : " (" + loaded.size() + " settings)");
  }
}
