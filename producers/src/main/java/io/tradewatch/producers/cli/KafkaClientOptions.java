package io.tradewatch.producers.cli;

import io.tradewatch.schemas.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Kafka connection options shared by the commands that talk to a cluster ({@code @Mixin}). The
 * client config file is read once; its values (passwords, keys) are never printed, only its path
 * and the number of settings.
 */
public final class KafkaClientOptions {
  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      description =
          "The Kafka cluster (may instead be set as bootstrap.servers in --client-config).")
  String bootstrapServers;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      description =
          "Java properties file with Kafka client settings (security.protocol, ssl.*, sasl.*, ...);"
              + " values are never printed.")
  Path clientConfig;

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      defaultValue = Topics.DEFAULT_PREFIX,
      description = "Prefix of the tradewatch topics (default: ${DEFAULT-VALUE}).")
  String topicPrefix = Topics.DEFAULT_PREFIX;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How long Kafka may be unreachable or silent before publishing fails, retrying with"
              + " backoff meanwhile (e.g. 30s, 5m; default: delivery.timeout.ms and max.block.ms"
              + " from --client-config, else 2m).")
  Duration timeout;

  private Properties loaded;

  /**
   * The client settings: the config file's, with {@code --bootstrap-servers} and {@code --timeout}
   * ({@code delivery.timeout.ms} and {@code max.block.ms}) on top. A fresh copy on each call; the
   * file is read on the first.
   *
   * @throws IOException when the config file cannot be read
   */
  public Properties clientProperties() throws IOException {
    if (loaded == null) {
      loaded = load(clientConfig);
    }
    Properties p = new Properties();
    p.putAll(loaded);
    if (bootstrapServers != null && !bootstrapServers.isBlank()) {
      p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    if (timeout != null) {
      String ms = Long.toString(timeout.toMillis());
      p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ms);
      p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
    }
    return p;
  }

  /**
   * The client settings of a command that needs a cluster.
   *
   * @throws CommandLine.ParameterException (exit code 2) when no bootstrap servers are given
   */
  public Properties requireCluster(CommandSpec spec) throws IOException {
    Properties p = clientProperties();
    if (p.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "").isBlank()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Missing required option: '--bootstrap-servers=HOST:PORT[,...]'"
              + " (or bootstrap.servers in --client-config)");
    }
    return p;
  }

  /**
   * The topic registry under {@code --topic-prefix}.
   *
   * @throws CommandLine.ParameterException (exit code 2) for a prefix Kafka cannot name topics with
   */
  public Topics topics(CommandSpec spec) {
    try {
      return Topics.withPrefix(topicPrefix);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --topic-prefix: " + e.getMessage());
    }
  }

  /** Reads a Kafka client properties file (TLS, SASL, ...); none gives empty settings. */
  public static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    if (file != null) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(reader);
      }
    }
    return p;
  }

  /** Names the settings, never their values. */
  @Override
  public String toString() {
    return "KafkaClientOptions[bootstrapServers="
        + bootstrapServers
        + ", clientConfig="
        + clientConfig
        + (loaded == null ? "" : " (" + loaded.size() + " settings)")
        + ", topicPrefix="
        + topicPrefix
        + (timeout == null ? "" : ", timeout=" + timeout)
        + "]";
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT30S}); positive. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      Matcher m = SHORT.matcher(v);
      Duration d;
      try {
        if (m.matches()) {
          long n = Long.parseLong(m.group(1));
          d =
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
              };
        } else {
          d = Duration.parse(v.toUpperCase(Locale.ROOT));
        }
      } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
        d = null;
      }
      if (d == null || d.isNegative() || d.isZero()) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a positive duration such as 500ms, 30s, 5m or PT30S");
      }
      return d;
    }
  }
}
