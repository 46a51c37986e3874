package io.tradewatch.streams.domain.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Figures in alert messages, written for people: {@code 53.1 M USD}, {@code -42.2 %}. */
final class Words {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private Words() {}

  static String usd(BigDecimal value) {
    if (value == null) {
      return "n/a";
    }
    return value.abs().compareTo(MILLION) >= 0
        ? value.divide(MILLION, 1, RoundingMode.HALF_EVEN).toPlainString() + " M USD"
        : value.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " USD";
  }

  static String pct(BigDecimal value) {
    if (value == null) {
      return "n/a";
    }
    BigDecimal rounded = value.setScale(1, RoundingMode.HALF_EVEN);
    return (rounded.signum() > 0 ? "+" : "") + rounded.toPlainString() + " %";
  }
}
