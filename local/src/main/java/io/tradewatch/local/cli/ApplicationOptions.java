package io.tradewatch.local.cli;

import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.app.StreamsSettings;
import picocli.CommandLine.Option;

/**
 * Which tradewatch application a command runs or works on: its Kafka Streams application id and the
 * prefix of its topics.
 */
final class ApplicationOptions {
  @Option(
      names = "--application-id",
      paramLabel = "ID",
      defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID,
      description =
          "Kafka Streams application id; instances with the same id share the work"
              + " (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      defaultValue = Topics.DEFAULT_PREFIX,
      description = "Prefix of the tradewatch topics (default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  /** {@code settings} for this application and its topics. */
  StreamsSettings apply(StreamsSettings settings) {
    return settings.withApplicationId(applicationId).withTopicPrefix(topicPrefix);
  }
}
