package io.tradewatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardMetricsTest {
  @Test
  void givenAnOutputRecordPublished250msAgo_whenScraped_thenCountLatencyAndLagAreExposed() {
    try (DashboardMetrics metrics = new DashboardMetrics(null)) {
      long now = System.currentTimeMillis();

      metrics.outputRecord("trade-monthly", now - 3_600_000, now - 250, now);
      String scrape = metrics.registry().scrape();

      assertThat(DashboardEndToEndTest.sample(scrape, "tradewatch_output_records_total"))
          .isEqualTo(1.0);
      assertThat(DashboardEndToEndTest.sample(scrape, "tradewatch_end_to_end_latency_seconds_sum"))
          .isEqualTo(0.25);
      assertThat(DashboardEndToEndTest.sample(scrape, "tradewatch_event_time_lag_seconds"))
          .isBetween(3600.0, 3700.0);
    }
  }
}
