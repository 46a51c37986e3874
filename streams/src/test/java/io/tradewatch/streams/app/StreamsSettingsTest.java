package io.tradewatch.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required"
          + " username=\"tw\" password=\"s3cret-Pa55\";";

  @Test
  void givenSecuritySettings_whenPrinted_thenTheirNamesShowButNeverTheirValues() {
    StreamsSettings settings =
        StreamsSettings.defaults("kafka-1:9093", Path.of("state"))
            .withClientProperties(
                Map.of("sasl.jaas.config", JAAS, "ssl.truststore.password", "trust-Pa55"));

    assertThat(settings.toString())
        .contains("kafka-1:9093", "sasl.jaas.config", "ssl.truststore.password")
        .doesNotContain("s3cret-Pa55", "trust-Pa55");
    assertThat(settings.toProperties()).containsEntry("sasl.jaas.config", JAAS);
  }

  @Test
  void givenABadApplicationId_whenSettingsAreMade_thenTheErrorNamesTheKey() {
    assertThatThrownBy(
            () ->
                StreamsSettings.defaults("kafka-1:9093", Path.of("state"))
                    .withApplicationId("no spaces"))
        .hasMessageContaining("application.id");
  }

  @Test
  void
      givenNoCacheSetting_whenPropertiesAreMade_thenTheCacheIsThisHeapsDefaultAndAUsersSettingWins() {
    StreamsSettings settings = StreamsSettings.defaults("kafka-1:9093", Path.of("state"));

    assertThat(settings.toProperties())
        .containsEntry(
            "statestore.cache.max.bytes",
            StreamsSettings.defaultCacheMaxBytes(Runtime.getRuntime().maxMemory()));
    assertThat(
            settings
                .withClientProperties(Map.of("statestore.cache.max.bytes", "1048576"))
                .toProperties())
        .containsEntry("statestore.cache.max.bytes", "1048576");
  }

  @Test
  void givenASmallHeap_whenTheDefaultCacheIsSized_thenItTakesATenthOfItAndAtMost128MiB() {
    long mib = 1024 * 1024;

    assertThat(StreamsSettings.defaultCacheMaxBytes(512 * mib)).isEqualTo(512 * mib / 10);
    assertThat(StreamsSettings.defaultCacheMaxBytes(1280 * mib)).isEqualTo(128 * mib);
    assertThat(StreamsSettings.defaultCacheMaxBytes(6144 * mib)).isEqualTo(128 * mib);
  }

  @Test
  void
      givenNoBackoffSetting_whenPropertiesAreMade_thenTopicCreationRetriesFastAndOtherClientsKeepKafkas() {
    StreamsConfig config = streamsConfig(Map.of());

    // (the partition assignor, which creates the internal topics, reads the main consumer's)
    assertThat(config.getMainConsumerConfigs("g", "c", 0))
        .containsEntry(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, 10L);
    assertThat(config.getRestoreConsumerConfigs("c"))
        .containsEntry(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, 100L);
    assertThat(config.getGlobalConsumerConfigs("c"))
        .containsEntry(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, 100L);
    assertThat(config.getProducerConfigs("c"))
        .containsEntry(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, 100L);
    assertThat(config.getAdminConfigs("c"))
        .containsEntry(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, 100L);
  }

  @Test
  void givenAUsersBackoff_whenPropertiesAreMade_thenItHoldsForStreamsAndEveryClient() {
    StreamsConfig config = streamsConfig(Map.of("retry.backoff.ms", "250"));

    assertThat(config.getLong(StreamsConfig.RETRY_BACKOFF_MS_CONFIG)).isEqualTo(250L);
    assertThat(config.getMainConsumerConfigs("g", "c", 0))
        .containsEntry(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, "250");
    assertThat(config.getProducerConfigs("c"))
        .containsEntry(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, "250");
  }

  @Test
  void givenAUsersBackoffForConsumers_whenPropertiesAreMade_thenEveryConsumerHasIt() {
    StreamsConfig config = streamsConfig(Map.of("consumer.retry.backoff.ms", "250"));

    assertThat(config.getMainConsumerConfigs("g", "c", 0))
        .containsEntry(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, "250");
    assertThat(config.getRestoreConsumerConfigs("c"))
        .containsEntry(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, "250");
    assertThat(config.getGlobalConsumerConfigs("c"))
        .containsEntry(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, "250");
  }

  /** The default settings with these client properties, as Kafka Streams reads them. */
  private static StreamsConfig streamsConfig(Map<String, String> clientProperties) {
    return new StreamsConfig(
        StreamsSettings.defaults("kafka-1:9093", Path.of("state"))
            .withClientProperties(clientProperties)
            .toProperties());
  }
}
