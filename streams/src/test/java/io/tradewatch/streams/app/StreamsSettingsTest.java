package io.tradewatch.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
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
  void givenNoCacheSetting_whenPropertiesAreMade_thenTheCacheIs128MiBAndAUsersSettingWins() {
    StreamsSettings settings = StreamsSettings.defaults("kafka-1:9093", Path.of("state"));

    assertThat(settings.toProperties())
        .containsEntry("statestore.cache.max.bytes", 128L * 1024 * 1024);
    assertThat(
            settings
                .withClientProperties(Map.of("statestore.cache.max.bytes", "1048576"))
                .toProperties())
        .containsEntry("statestore.cache.max.bytes", "1048576");
  }
}
