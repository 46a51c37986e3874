package io.tradewatch.local.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers formatted for people: {@code 53.1 M}, {@code +23.1 %}. Display only; never fed back. */
public final class Human {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private Human() {}

  /** Millions of USD with one decimal, e.g. {@code 53.1 M}; a dash for no figure. */
  public static String millions(BigDecimal usd) {
    if (usd == null) {
      return "–";
    }
    return usd.divide(MILLION, 1, RoundingMode.HALF_EVEN).toPlainString() + " M";
  }

  /** A signed percentage with one decimal, e.g. {@code +23.1 %}; a dash for no figure. */
  public static String percent(BigDecimal pct) {
    if (pct == null) {
      return "–";
    }
    BigDecimal rounded = pct.setScale(1, RoundingMode.HALF_EVEN);
    return (rounded.signum() > 0 ? "+" : "") + rounded.toPlainString() + " %";
  }

  /** A multiple with two decimals, e.g. {@code ×3.50}. */
  public static String multiple(BigDecimal multiple) {
    return multiple == null ? "–" : "×" + multiple.setScale(2, RoundingMode.HALF_EVEN);
  }
}
