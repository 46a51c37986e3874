package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Growth rates between two figures of the same series. Rates are percentages with four decimals,
 * rounded half-even; they are {@code null} where the base is missing or zero (a growth from nothing
 * has no meaningful rate).
 */
public final class Growth {
  public static final int PCT_SCALE = 4;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final MathContext WORKING = new MathContext(34, RoundingMode.HALF_EVEN);

  /**
   * Rates, multiples and CAGRs are published as decimal(14, 4): at most ten integer digits. A rate
   * beyond that (a trade of 1 USD growing to 200 million) is real but cannot be represented, and is
   * null with the reason rather than an error that stops the computation.
   */
  public static final BigDecimal LIMIT = new BigDecimal("10000000000");

  private Growth() {}

  /**
   * The percent change from {@code base} to {@code current}, or why there is none: either figure
   * unknown, a zero base (named by {@code baseLabel}), or a rate too large to represent.
   */
  public static Figure rate(Figure current, Figure base, String baseLabel) {
    if (!current.known()) {
      return current;
    }
    if (!base.known()) {
      return base;
    }
    if (base.value().signum() == 0) {
      return Figure.none("no growth from a zero base (" + baseLabel + ")");
    }
    return bounded(percentChange(current.value(), base.value()), "growth");
  }

  /** The value, or null with the reason when it is beyond {@link #LIMIT}. */
  public static Figure bounded(BigDecimal value, String what) {
    if (value == null) {
      return Figure.none(what + " undefined");
    }
    if (value.abs().compareTo(LIMIT) >= 0) {
      return Figure.none(
          what + " of " + value.toPlainString() + " is beyond what can be represented (10^10)");
    }
    return Figure.of(value);
  }

  /** {@code (current - base) / base}, in percent; null when either is null or base is zero. */
  public static BigDecimal percentChange(BigDecimal current, BigDecimal base) {
    if (current == null || base == null || base.signum() == 0) {
      return null;
    }
    return current
        .subtract(base)
        .multiply(HUNDRED)
        .divide(base.abs(), PCT_SCALE, RoundingMode.HALF_EVEN);
  }

  /** {@code current / base} (e.g. 3.5000 for "3.5 times"); null when the base is not positive. */
  public static BigDecimal multiple(BigDecimal current, BigDecimal base) {
    if (current == null || base == null || base.signum() <= 0) {
      return null;
    }
    return current.divide(base, PCT_SCALE, RoundingMode.HALF_EVEN);
  }

  /**
   * Compound annual growth rate in percent over {@code years} years: {@code
   * (current/base)^(1/years) - 1}. Null when either value is not positive or years is not positive.
   */
  public static BigDecimal cagrPercent(BigDecimal current, BigDecimal base, int years) {
    if (current == null || base == null || years <= 0) {
      return null;
    }
    if (current.signum() <= 0 || base.signum() <= 0) {
      return null;
    }
    BigDecimal ratio = current.divide(base, WORKING);
    return nthRoot(ratio, years)
        .subtract(BigDecimal.ONE)
        .multiply(HUNDRED)
        .setScale(PCT_SCALE, RoundingMode.HALF_EVEN);
  }

  /** Positive n-th root by Newton's method in decimal arithmetic (deterministic, no doubles). */
  static BigDecimal nthRoot(BigDecimal value, int n) {
    if (n == 1) {
      return value;
    }
    BigDecimal nBig = BigDecimal.valueOf(n);
    BigDecimal x = value.compareTo(BigDecimal.ONE) > 0 ? value : BigDecimal.ONE;
    BigDecimal tolerance = BigDecimal.ONE.movePointLeft(20);
    for (int i = 0; i < 500; i++) {
      // x' = ((n-1) x + value / x^(n-1)) / n
      BigDecimal next =
          x.multiply(BigDecimal.valueOf(n - 1L))
              .add(value.divide(x.pow(n - 1, WORKING), WORKING))
              .divide(nBig, WORKING);
      if (next.subtract(x).abs().compareTo(tolerance) < 0) {
        return next;
      }
      x = next;
    }
    return x;
  }
}
