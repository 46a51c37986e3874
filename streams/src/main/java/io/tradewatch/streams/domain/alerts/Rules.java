package io.tradewatch.streams.domain.alerts;

import io.tradewatch.streams.domain.alerts.AlertMath.Band;
import io.tradewatch.streams.domain.alerts.AlertRule.Figure;
import io.tradewatch.streams.domain.alerts.Condition.Subject;
import java.math.BigDecimal;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates each kind of rule on plain figures and says, as a {@link Condition}, whether it holds
 * and why. A condition is produced whether or not it holds, so that an alert can be cleared.
 */
public final class Rules {
  private Rules() {}

  /** A growth rate of a series' turnover against the rule's threshold. */
  public static Condition yoy(
      AlertRule.Yoy rule, Subject subject, String period, BigDecimal growthPct) {
    boolean active = AlertMath.beyond(growthPct, rule.thresholdPct(), rule.direction());
    String what =
        switch (rule.figure()) {
          case MONTHLY -> "turnover in " + period;
          case YTD -> "year-to-date turnover to " + period;
          case T12M -> "trailing-12-month turnover to " + period;
          case ANNUAL -> "turnover in " + period;
        };
    return Condition.of(
        rule,
        active,
        subject,
        period,
        growthPct,
        rule.thresholdPct().negate(),
        rule.thresholdPct(),
        subject.source()
            + " reports "
            + subject.reporter()
            + "–"
            + subject.partner()
            + " "
            + what
            + " ("
            + subject.hsGroup()
            + ") "
            + Words.pct(growthPct)
            + " on a year earlier, beyond the "
            + rule.thresholdPct().stripTrailingZeros().toPlainString()
            + " % threshold.");
  }

  /** Which figure a YOY rule reads. */
  public static boolean reads(AlertRule.Yoy rule, Figure figure) {
    return rule.figure() == figure;
  }

  /**
   * A month's turnover against the band of the same calendar month in the rule's number of earlier
   * years (null when fewer than two of them are known).
   */
  public static Condition seasonal(
      AlertRule.SeasonalBand rule,
      Subject subject,
      int year,
      int month,
      BigDecimal value,
      List<BigDecimal> earlier) {
    Band band = AlertMath.seasonalBand(earlier, rule.tolerancePct());
    String period = YearMonth.of(year, month).toString();
    if (band == null) {
      return null;
    }
    String name = Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    return Condition.of(
        rule,
        !band.contains(value),
        subject,
        period,
        value,
        band.low(),
        band.high(),
        subject.source()
            + " reports "
            + subject.reporter()
            + "–"
            + subject.partner()
            + " turnover ("
            + subject.hsGroup()
            + ") of "
            + Words.usd(value)
            + " for "
            + period
            + ", outside the "
            + Words.usd(band.low())
            + " to "
            + Words.usd(band.high())
            + " expected from "
            + name
            + " in the "
            + earlier.size()
            + " years before.");
  }

  /** A target's progress in a complete year against its schedule and the growth still needed. */
  public static Condition targetBehind(
      AlertRule.TargetBehind rule,
      Subject subject,
      int year,
      BigDecimal achieved,
      BigDecimal target,
      BigDecimal schedule,
      BigDecimal requiredGrowthPct,
      Integer deadlineYear) {
    boolean behind = AlertMath.behindSchedule(achieved, schedule, rule.marginPct());
    boolean tooSteep =
        requiredGrowthPct != null && requiredGrowthPct.compareTo(rule.maxRequiredGrowthPct()) > 0;
    String message =
        behind
            ? "Target "
                + subject.hsGroup()
                + " reached "
                + Words.usd(achieved)
                + " in "
                + year
                + ", more than "
                + rule.marginPct().stripTrailingZeros().toPlainString()
                + " % below its schedule of "
                + Words.usd(schedule)
                + "."
            : "Target "
                + subject.hsGroup()
                + " needs "
                + Words.pct(requiredGrowthPct)
                + " growth a year from "
                + year
                + " to reach "
                + Words.usd(target)
                + (deadlineYear == null ? " by its deadline" : " by " + deadlineYear)
                + ", above the "
                + rule.maxRequiredGrowthPct().stripTrailingZeros().toPlainString()
                + " % limit.";
    return Condition.of(
        rule,
        behind || tooSteep,
        subject,
        Integer.toString(year),
        achieved,
        schedule,
        null,
        message);
  }

  /** The gap between what the exporter and the importer report about the same flow. */
  public static Condition mirrorGap(
      AlertRule.MirrorGap rule,
      Subject subject,
      int year,
      String exporterSource,
      String importerSource,
      BigDecimal exports,
      BigDecimal imports,
      BigDecimal gapPct) {
    boolean active = AlertMath.beyond(gapPct, rule.thresholdPct(), AlertRule.Direction.BOTH);
    return Condition.of(
        rule,
        active,
        subject,
        Integer.toString(year),
        gapPct,
        rule.thresholdPct().negate(),
        rule.thresholdPct(),
        "For "
            + year
            + ", "
            + exporterSource
            + " reports "
            + subject.reporter()
            + " exports to "
            + subject.partner()
            + " of "
            + Words.usd(exports)
            + " but "
            + importerSource
            + " reports imports of "
            + Words.usd(imports)
            + ": a gap of "
            + Words.pct(gapPct)
            + ", beyond "
            + rule.thresholdPct().stripTrailingZeros().toPlainString()
            + " %.");
  }

  /**
   * A source that has released nothing for a reporter for several months while the releases of any
   * source have moved on (the statistical calendar, not the wall clock). The subject's partner is
   * {@code *}: a release covers the reporter.
   */
  public static Condition silence(
      AlertRule.Silence rule, Subject subject, YearMonth last, YearMonth newest) {
    long behind = ChronoUnit.MONTHS.between(last, newest);
    // One alert per source and reporter, not per last month: while a history loads month by
    // month it stays raised and its lag is updated, instead of a raise and a clear per month.
    return Condition.ongoing(
        rule,
        behind >= rule.periods(),
        subject,
        last.toString(),
        BigDecimal.valueOf(behind),
        null,
        BigDecimal.valueOf(rule.periods()),
        subject.source()
            + " has released nothing for "
            + subject.reporter()
            + " since "
            + last
            + ", "
            + behind
            + " months behind the newest release of any source ("
            + newest
            + ").");
  }

  /**
   * A series whose trade stopped: its source released every month from {@code firstWithout} to
   * {@code lastReleased} and none of them holds a figure of this pair (exports and imports zero).
   */
  public static Condition tradeStopped(
      AlertRule.TradeStopped rule,
      Subject subject,
      YearMonth firstWithout,
      YearMonth lastReleased) {
    long months = ChronoUnit.MONTHS.between(firstWithout, lastReleased) + 1;
    return Condition.of(
        rule,
        months >= rule.periods(),
        subject,
        firstWithout.toString(),
        BigDecimal.valueOf(months),
        null,
        BigDecimal.valueOf(rule.periods()),
        subject.source()
            + " reports no trade of "
            + subject.reporter()
            + " with "
            + subject.partner()
            + " since "
            + firstWithout
            + ": "
            + months
            + " released months without trade, to "
            + lastReleased
            + ".");
  }

  /**
   * Whether a figure revised from {@code first} to {@code latest} is beyond the rule's threshold:
   * the condition of {@link #revision}, without its message.
   */
  public static boolean revisionHolds(
      AlertRule.Revision rule, BigDecimal first, BigDecimal latest) {
    return revisionBeyond(rule, AlertMath.revisionPct(first, latest));
  }

  private static boolean revisionBeyond(AlertRule.Revision rule, BigDecimal pct) {
    return AlertMath.beyond(pct, rule.thresholdPct(), AlertRule.Direction.BOTH);
  }

  /** A revised figure against its first publication. */
  public static Condition revision(
      AlertRule.Revision rule,
      Subject subject,
      String period,
      String recordKey,
      BigDecimal first,
      BigDecimal latest) {
    BigDecimal pct = AlertMath.revisionPct(first, latest);
    boolean active = revisionBeyond(rule, pct);
    return Condition.of(
        rule,
        active,
        subject,
        period,
        pct,
        rule.thresholdPct().negate(),
        rule.thresholdPct(),
        recordKey
            + " was revised from "
            + Words.usd(first)
            + " to "
            + Words.usd(latest)
            + " ("
            + Words.pct(pct)
            + " on its first publication).");
  }
}
