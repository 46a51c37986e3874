package io.tradewatch.dashboard;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.schemas.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

  @Test
  void givenDeadLettersAndAlerts_whenScraped_thenRejectedByReasonAndAlertsByStateAreCounted() {
    try (DashboardMetrics metrics = new DashboardMetrics(null)) {
      ConsumerRecord<String, byte[]> invalid =
          new ConsumerRecord<>("tradewatch.dead-letter", 0, 0, "k", new byte[0]);
      invalid.headers().add(DeadLetterHeaders.CHECK, "invalid-record".getBytes(UTF_8));
      ConsumerRecord<String, byte[]> undecodable =
          new ConsumerRecord<>("tradewatch.dead-letter", 0, 1, "k", new byte[0]);
      undecodable
          .headers()
          .add(
              DeadLetterHeaders.CHECK,
              "org.apache.kafka.common.errors.SerializationException".getBytes(UTF_8));
      ConsumerRecord<String, byte[]> row =
          new ConsumerRecord<>("tradewatch.dead-letter", 0, 2, "trade.csv", new byte[0]);
      row.headers()
          .add(DeadLetterHeaders.REASON, "value_usd 'x' is not a decimal number".getBytes(UTF_8));

      for (ConsumerRecord<String, byte[]> r :
          java.util.List.of(invalid, invalid, undecodable, row)) {
        metrics.rejected(OutputFeed.rejectionReason(r));
      }
      metrics.alert("RAISED", "WARNING");
      metrics.alert("CLEARED", "WARNING");
      String scrape = metrics.registry().scrape();

      assertThat(scrape)
          .contains("tradewatch_records_rejected_total{reason=\"invalid-record\"} 2.0")
          .contains("tradewatch_records_rejected_total{reason=\"SerializationException\"} 1.0")
          .contains("tradewatch_records_rejected_total{reason=\"input-row\"} 1.0")
          .containsPattern(
              "tradewatch_alerts_total\\{severity=\"WARNING\",state=\"RAISED\"\\} 1.0");
    }
  }
}
