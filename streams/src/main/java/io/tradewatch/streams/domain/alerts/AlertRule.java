package io.tradewatch.streams.domain.alerts;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One configured alert rule: one record type per kind of rule, holding exactly the settings that
 * kind reads. {@code io.tradewatch.streams.app.AlertRulesFile} reads and checks them.
 */
public sealed interface AlertRule {
  /** Unique name; part of every alert id the rule raises. */
  String name();

  /** How urgent its alerts are. */
  AlertSeverity severity();

  /** What the rule watches. */
  RuleType type();

  /** Whether every HS group is watched; by default only the all-products total is. */
  default boolean allGroups() {
    return false;
  }

  /** Whether the rule watches a series of this HS group. */
  default boolean watches(String hsGroup) {
    return allGroups() || "TOTAL".equals(hsGroup);
  }

  /**
   * A growth rate beyond a threshold.
   *
   * @param figure which figure's growth (MONTHLY, YTD, T12M, ANNUAL)
   * @param direction UP, DOWN or BOTH
   * @param thresholdPct growth beyond it, in percent
   * @param allGroups every HS group, or only the all-products total
   */
  record Yoy(
      String name,
      AlertSeverity severity,
      Figure figure,
      Direction direction,
      BigDecimal thresholdPct,
      boolean allGroups)
      implements AlertRule {
    public Yoy {
      Objects.requireNonNull(figure, "figure");
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(thresholdPct, "thresholdPct");
    }

    @Override
    public RuleType type() {
      return RuleType.YOY;
    }
  }

  /**
   * A month outside the band of the same calendar month in earlier years.
   *
   * @param years earlier years of the same calendar month the band is made of
   * @param tolerancePct how far beyond the lowest and highest earlier value counts
   * @param allGroups every HS group, or only the all-products total
   */
  record SeasonalBand(
      String name, AlertSeverity severity, int years, BigDecimal tolerancePct, boolean allGroups)
      implements AlertRule {
    public SeasonalBand {
      Objects.requireNonNull(tolerancePct, "tolerancePct");
    }

    @Override
    public RuleType type() {
      return RuleType.SEASONAL_BAND;
    }
  }

  /**
   * A target behind its schedule, or needing too steep a growth; every target is watched.
   *
   * @param marginPct how far below the schedule line counts as behind
   * @param maxRequiredGrowthPct required annual growth above it counts as behind
   */
  record TargetBehind(
      String name, AlertSeverity severity, BigDecimal marginPct, BigDecimal maxRequiredGrowthPct)
      implements AlertRule {
    public TargetBehind {
      Objects.requireNonNull(marginPct, "marginPct");
      Objects.requireNonNull(maxRequiredGrowthPct, "maxRequiredGrowthPct");
    }

    @Override
    public RuleType type() {
      return RuleType.TARGET_BEHIND;
    }

    @Override
    public boolean allGroups() {
      return true;
    }
  }

  /**
   * The gap between what the exporter and the importer report, beyond a threshold.
   *
   * @param thresholdPct gap beyond it, in percent
   * @param allGroups every HS group, or only the all-products total
   */
  record MirrorGap(String name, AlertSeverity severity, BigDecimal thresholdPct, boolean allGroups)
      implements AlertRule {
    public MirrorGap {
      Objects.requireNonNull(thresholdPct, "thresholdPct");
    }

    @Override
    public RuleType type() {
      return RuleType.MIRROR_GAP;
    }
  }

  /**
   * A revised figure beyond a threshold of its first publication.
   *
   * @param thresholdPct revision beyond it, in percent of the first-published value
   * @param allGroups every HS group, or only the all-products total
   */
  record Revision(String name, AlertSeverity severity, BigDecimal thresholdPct, boolean allGroups)
      implements AlertRule {
    public Revision {
      Objects.requireNonNull(thresholdPct, "thresholdPct");
    }

    @Override
    public RuleType type() {
      return RuleType.REVISION;
    }
  }

  /**
   * A source that has released nothing for a reporter for some months while releases of any source
   * have moved on.
   *
   * @param periods months behind the newest release that count
   */
  record Silence(String name, AlertSeverity severity, int periods) implements AlertRule {
    @Override
    public RuleType type() {
      return RuleType.SILENCE;
    }
  }

  /**
   * A series with consecutive released months without trade (all-products totals).
   *
   * @param periods released months without trade that count
   */
  record TradeStopped(String name, AlertSeverity severity, int periods) implements AlertRule {
    @Override
    public RuleType type() {
      return RuleType.TRADE_STOPPED;
    }
  }

  /** What a rule watches: the {@code type} of the rules file, and of every alert it raises. */
  enum RuleType {
    YOY,
    SEASONAL_BAND,
    TARGET_BEHIND,
    MIRROR_GAP,
    SILENCE,
    TRADE_STOPPED,
    REVISION
  }

  /** Which growth rate a YOY rule reads. */
  enum Figure {
    MONTHLY,
    YTD,
    T12M,
    ANNUAL
  }

  /** Which way a change must go to count. */
  enum Direction {
    UP,
    DOWN,
    BOTH
  }
}
