package io.tradewatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardSettingsTest {
  @Test
  void givenNothing_whenDefaultsAreTaken_thenLoopbackPort8080AdvertisedAsSuch() {
    DashboardSettings settings = DashboardSettings.defaults();

    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(DashboardServer.applicationServer(settings)).isEqualTo("127.0.0.1:8080");
  }

  @Test
  void givenKeys_whenParsed_thenAdvertisedEndpointIsTheApplicationServer() {
    DashboardSettings settings =
        DashboardSettings.fromMap(
            Map.of(
                "dashboard.host", "0.0.0.0",
                "dashboard.port", "9000",
                "dashboard.advertised.host", "tw-1.internal"));

    assertThat(settings.applicationServer()).isEqualTo("tw-1.internal:9000");
    assertThat(DashboardServer.streamsProperties(settings, Map.of("a", "b")))
        .containsEntry("application.server", "tw-1.internal:9000")
        .containsEntry("a", "b");
  }

  @Test
  void givenBadValues_whenParsed_thenTheMessageNamesTheKey() {
    assertThatThrownBy(() -> DashboardSettings.fromMap(Map.of("dashboard.port", "80a")))
        .hasMessageContaining("dashboard.port");
    assertThatThrownBy(() -> DashboardSettings.of("127.0.0.1", 70_000))
        .hasMessageContaining("dashboard.port");
    assertThatThrownBy(() -> DashboardSettings.of("0.0.0.0", 8080))
        .hasMessageContaining("dashboard.advertised.host");
  }

  @Test
  void givenPortZero_whenAFreePortIsTaken_thenApplicationServerHasARealPort() {
    DashboardSettings any = DashboardSettings.of("127.0.0.1", 0);

    assertThatThrownBy(any::applicationServer).hasMessageContaining("withFreePort");
    DashboardSettings resolved = any.withFreePort();
    assertThat(resolved.port()).isPositive();
    assertThat(resolved.applicationServer()).isEqualTo("127.0.0.1:" + resolved.port());
  }
}
