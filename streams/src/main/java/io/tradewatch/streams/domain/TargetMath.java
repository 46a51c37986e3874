package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Progress against a target of annual trade. */
public final class TargetMath {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private TargetMath() {}

  /** Achieved as a percentage of the target. */
  public static BigDecimal progressPct(BigDecimal achieved, BigDecimal target) {
    if (target.signum() <= 0) {
      throw new IllegalArgumentException("target must be positive, was " + target);
    }
    return achieved.multiply(HUNDRED).divide(target, Growth.PCT_SCALE, RoundingMode.HALF_EVEN);
  }

  /**
   * Where a straight line from the base year's figure to the target at the deadline stands in
   * {@code year}; null without a deadline or outside base year..deadline.
   */
  public static BigDecimal schedule(
      BigDecimal baseFigure, BigDecimal target, int baseYear, Integer deadlineYear, int year) {
    if (deadlineYear == null || baseFigure == null || deadlineYear <= baseYear) {
      return null;
    }
    if (year < baseYear || year > deadlineYear) {
      return null;
    }
    BigDecimal step =
        target
            .subtract(baseFigure)
            .multiply(BigDecimal.valueOf(year - (long) baseYear))
            .divide(
                BigDecimal.valueOf(deadlineYear - (long) baseYear),
                Money.SCALE,
                RoundingMode.HALF_EVEN);
    return Money.usd(baseFigure.add(step));
  }

  /**
   * Annual growth still needed from {@code year}'s figure to reach the target by the deadline, in
   * percent; null without a deadline, at or after it, or from nothing.
   */
  public static BigDecimal requiredGrowthPct(
      BigDecimal achieved, BigDecimal target, Integer deadlineYear, int year) {
    if (deadlineYear == null || deadlineYear <= year) {
      return null;
    }
    return Growth.cagrPercent(target, achieved, deadlineYear - year);
  }
}
