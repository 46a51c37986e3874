package io.tradewatch.streams.domain.alerts;

import io.tradewatch.streams.domain.Growth;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/** The arithmetic of the alert rules, on exact decimals. */
public final class AlertMath {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private AlertMath() {}

  /** Whether a growth rate goes beyond the threshold in the rule's direction. */
  public static boolean beyond(BigDecimal pct, BigDecimal thresholdPct, AlertRule.Direction way) {
    if (pct == null) {
      return false;
    }
    boolean up = pct.compareTo(thresholdPct) > 0;
    boolean down = pct.compareTo(thresholdPct.negate()) < 0;
    return switch (way) {
      case UP -> up;
      case DOWN -> down;
      case BOTH -> up || down;
    };
  }

  /**
   * The seasonal band of a value: from the lowest to the highest value of the same calendar period
   * in earlier years, widened by {@code tolerancePct} on each side. Null with fewer than two
   * earlier values (no season to compare with).
   */
  public static Band seasonalBand(Collection<BigDecimal> earlier, BigDecimal tolerancePct) {
    if (earlier.size() < 2) {
      return null;
    }
    BigDecimal min = earlier.stream().min(BigDecimal::compareTo).orElseThrow();
    BigDecimal max = earlier.stream().max(BigDecimal::compareTo).orElseThrow();
    BigDecimal widen = tolerancePct.divide(HUNDRED, 8, RoundingMode.HALF_EVEN);
    return new Band(
        min.multiply(BigDecimal.ONE.subtract(widen)).setScale(2, RoundingMode.HALF_EVEN),
        max.multiply(BigDecimal.ONE.add(widen)).setScale(2, RoundingMode.HALF_EVEN));
  }

  /** Whether a target's achieved figure is more than {@code marginPct} below its schedule. */
  public static boolean behindSchedule(
      BigDecimal achieved, BigDecimal schedule, BigDecimal marginPct) {
    if (schedule == null || schedule.signum() <= 0) {
      return false;
    }
    BigDecimal floor =
        schedule.multiply(
            BigDecimal.ONE.subtract(marginPct.divide(HUNDRED, 8, RoundingMode.HALF_EVEN)));
    return achieved.compareTo(floor) < 0;
  }

  /** A revision's size in percent of the first-published value (null from zero). */
  public static BigDecimal revisionPct(BigDecimal first, BigDecimal latest) {
    return Growth.percentChange(latest, first);
  }

  /** An expected range. */
  public record Band(BigDecimal low, BigDecimal high) {
    public boolean contains(BigDecimal value) {
      return value.compareTo(low) >= 0 && value.compareTo(high) <= 0;
    }
  }
}
