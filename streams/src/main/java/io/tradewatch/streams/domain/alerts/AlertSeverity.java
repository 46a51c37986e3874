package io.tradewatch.streams.domain.alerts;

/** How urgent an alert is. */
public enum AlertSeverity {
  INFO,
  WARNING,
  CRITICAL
}
