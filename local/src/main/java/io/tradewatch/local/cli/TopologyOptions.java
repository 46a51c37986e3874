package io.tradewatch.local.cli;

import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.app.AlertRulesFile;
import io.tradewatch.streams.app.StreamsSettings;
import io.tradewatch.streams.delivery.AlertWebhook;
import io.tradewatch.streams.delivery.WebhookSender;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Option;

/** Options of the topology shared by the sub-commands that run it. */
public final class TopologyOptions {
  @Option(
      names = "--cif-fob-factor",
      paramLabel = "FACTOR",
      defaultValue = "1",
      description =
          "Mirror statistics divide importer-reported (CIF) imports by this before comparing them"
              + " with exporter-reported (FOB) exports; 1 compares them as reported, the IMF"
              + " uses 1.06 (default: ${DEFAULT-VALUE}).")
  BigDecimal cifFobFactor;

  @Option(
      names = "--processing-guarantee",
      paramLabel = "GUARANTEE",
      description =
          "exactly_once_v2 or at_least_once (default: processing.guarantee in --client-config,"
              + " else exactly_once_v2).")
  String processingGuarantee;

  @Option(
      names = "--commit-interval-ms",
      paramLabel = "MS",
      description =
          "How often results are committed, which is also how often changed figures are"
              + " recomputed and become visible (default: commit.interval.ms in --client-config,"
              + " else "
              + StreamsSettings.DEFAULT_COMMIT_INTERVAL_MS
              + "). Longer replays history faster, each figure written once per interval (1000"
              + " drained the customs benchmark 6-53 % faster than 200), with outputs that much"
              + " later.")
  Long commitIntervalMs;

  @Option(
      names = "--alert-rules",
      paramLabel = "FILE",
      description =
          "JSON file of alert rules (default: the built-in rules); checked at start-up, a bad"
              + " rule fails naming the rule and the field.")
  Path alertRules;

  @Option(
      names = "--alert-webhook",
      paramLabel = "URL",
      description =
          "POST every alert event as JSON to this URL (retries with backoff; undeliverable alerts"
              + " go to the dead-letter topic).")
  URI alertWebhook;

  /** Starts webhook delivery when asked; null otherwise. */
  AlertWebhook startWebhook(Properties client, Topics topics, String applicationId) {
    if (alertWebhook == null) {
      return null;
    }
    return AlertWebhook.start(
        client,
        topics,
        applicationId + "-alert-webhook",
        new WebhookSender(alertWebhook, 5, Duration.ofMillis(200)));
  }

  /**
   * Checks the options (and reads the alert rules) before anything starts, so a bad value costs no
   * broker start.
   *
   * @throws picocli.CommandLine.ParameterException (exit code 2) naming the option
   */
  void validate(picocli.CommandLine.Model.CommandSpec spec) {
    if (cifFobFactor.signum() <= 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--cif-fob-factor must be positive, was " + cifFobFactor.toPlainString());
    }
    if (commitIntervalMs != null && commitIntervalMs <= 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--commit-interval-ms must be positive, was " + commitIntervalMs);
    }
    if (alertRules != null) {
      io.tradewatch.producers.cli.InputFiles.requireReadable(spec, java.util.List.of(alertRules));
    }
    try {
      apply(StreamsSettings.defaults("unused:9092", Path.of("unused")));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * These options on {@code settings}, which carry the client config already. A setting with an
   * option of its own is taken, as the bootstrap servers are, from the option, else from the client
   * config, else the default: a client config that sets it is never overridden unasked.
   *
   * @throws IllegalArgumentException naming the option or the client config's key, for a bad value
   */
  StreamsSettings apply(StreamsSettings settings) {
    Map<String, String> client = settings.clientProperties();
    return settings
        .withCifFobFactor(cifFobFactor)
        .withProcessingGuarantee(
            processingGuarantee != null
                ? processingGuarantee
                : client.getOrDefault(
                    StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2))
        .withCommitInterval(
            commitIntervalMs != null
                ? Duration.ofMillis(commitIntervalMs)
                : commitIntervalOf(client))
        .withAlertRules(
            alertRules == null ? AlertRulesFile.defaults() : AlertRulesFile.read(alertRules));
  }

  /** The client config's {@code commit.interval.ms}, else the default. */
  private static Duration commitIntervalOf(Map<String, String> client) {
    String value = client.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    if (value == null) {
      return StreamsSettings.DEFAULT_COMMIT_INTERVAL;
    }
    try {
      return Duration.ofMillis(Long.parseLong(value.trim()));
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException(
          StreamsConfig.COMMIT_INTERVAL_MS_CONFIG
              + " in the client config must be a number of milliseconds, was '"
              + value
              + "'");
    }
  }
}
