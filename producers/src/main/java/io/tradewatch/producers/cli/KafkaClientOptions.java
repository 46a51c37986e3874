package io.tradewatch.producers.cli;

import io.tradewatch.schemas.Topics;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What a command that publishes to a cluster needs ({@code @Mixin}): the connection ({@link
 * ConnectionOptions}), required here, the topic prefix and how long Kafka may be away.
 */
public final class KafkaClientOptions {
  @Mixin ConnectionOptions connection = new ConnectionOptions();

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

  /**
   * The client settings: the config file's, with the bootstrap servers and {@code --timeout}
   * ({@code delivery.timeout.ms} and {@code max.block.ms}) on top. A fresh copy on each call; the
   * file is read on the first.
   *
   * @throws IOException when the config file cannot be read
   */
  public Properties clientProperties() throws IOException {
    Properties p = new Properties();
    p.putAll(connection.settings());
    String servers = connection.bootstrapServers();
    if (servers != null) {
      p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
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
    connection.requireBootstrapServers(spec);
    return clientProperties();
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

  /** Names the settings, never their values. */
  @Override
  public String toString() {
    return "KafkaClientOptions["
        + connection
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
