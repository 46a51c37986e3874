package io.tradewatch.streams.domain.alerts;

import java.math.BigDecimal;

/**
 * One configured alert rule. Which fields matter depends on the type; {@code
 * io.tradewatch.streams.app.AlertRulesFile} checks them when it reads the rules.
 *
 * @param name unique name; part of every alert id the rule raises
 * @param type what the rule watches
 * @param severity how urgent its alerts are
 * @param figure for YOY: which figure's growth (MONTHLY, YTD, T12M, ANNUAL)
 * @param direction for YOY: UP, DOWN or BOTH
 * @param thresholdPct YOY: growth beyond it; MIRROR_GAP: gap beyond it; REVISION: revision beyond
 *     it, in percent of the first-published value
 * @param years SEASONAL_BAND: earlier years of the same calendar month the band is made of
 * @param tolerancePct SEASONAL_BAND: how far beyond the lowest and highest earlier value counts
 * @param marginPct TARGET_BEHIND: how far below the schedule line counts as behind
 * @param maxRequiredGrowthPct TARGET_BEHIND: required annual growth above it counts as behind
 * @param periods SILENCE: months a source has released nothing for a reporter while releases of any
 *     source have moved on; TRADE_STOPPED: consecutive released months without trade
 * @param allGroups whether every HS group is watched, or only the all-products total (default)
 */
public record AlertRule(
    String name,
    RuleType type,
    AlertSeverity severity,
    Figure figure,
    Direction direction,
    BigDecimal thresholdPct,
    Integer years,
    BigDecimal tolerancePct,
    BigDecimal marginPct,
    BigDecimal maxRequiredGrowthPct,
    Integer periods,
    boolean allGroups) {

  /** Whether the rule watches a series of this HS group. */
  public boolean watches(String hsGroup) {
    return allGroups || "TOTAL".equals(hsGroup);
  }

  /** What a rule watches. */
  public enum RuleType {
    YOY,
    SEASONAL_BAND,
    TARGET_BEHIND,
    MIRROR_GAP,
    SILENCE,
    TRADE_STOPPED,
    REVISION
  }

  /** Which growth rate a YOY rule reads. */
  public enum Figure {
    MONTHLY,
    YTD,
    T12M,
    ANNUAL
  }

  /** Which way a change must go to count. */
  public enum Direction {
    UP,
    DOWN,
    BOTH
  }
}
