package io.tradewatch.local.report;

import static io.tradewatch.local.report.Human.millions;
import static io.tradewatch.local.report.Human.multiple;
import static io.tradewatch.local.report.Human.percent;

import io.tradewatch.avro.FdiAnnual;
import io.tradewatch.avro.TargetProgress;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary {@code demo --once} prints: annual goods trade per reporting source (all products),
 * the two sides' figures for the same trade side by side, target progress and FDI.
 */
public final class SummaryReport {
  private final OutputSnapshot snapshot;
  private final Topics topics;

  public SummaryReport(OutputSnapshot snapshot, Topics topics) {
    this.snapshot = snapshot;
    this.topics = topics;
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("Goods trade, all products (USD), as each source reports it\n");
    out.append(trade().render()).append('\n');
    TextTable mirror = mirror();
    if (!mirror.isEmpty()) {
      out.append("The same trade as each side reports it (never added together)\n");
      out.append(mirror.render()).append('\n');
    }
    TextTable targets = targets();
    if (!targets.isEmpty()) {
      out.append("Targets\n").append(targets.render()).append('\n');
    }
    TextTable fdi = fdi();
    if (!fdi.isEmpty()) {
      out.append("Foreign direct investment (USD)\n").append(fdi.render());
    }
    return out.toString();
  }

  private List<TradeAnnual> totals() {
    List<TradeAnnual> out = new ArrayList<>();
    snapshot
        .values(topics.tradeAnnual())
        .values()
        .forEach(
            a -> {
              if (Keys.TOTAL.equals(a.getHsGroup())) {
                out.add(a);
              }
            });
    return out;
  }

  private TextTable trade() {
    TextTable table =
        new TextTable(
            "source",
            "flow of",
            "period",
            "exports",
            "imports",
            "turnover",
            "balance",
            "growth",
            "5-year");
    for (TradeAnnual a : totals()) {
      boolean partial = a.getMonthsReported() > 0 && a.getMonthsReported() < 12;
      BigDecimal growth = a.getTurnoverYoyPct();
      if (partial) {
        TradeMonthly last = lastMonth(a);
        growth = last == null ? null : last.getYtdTurnoverYoyPct();
      }
      table.row(
          a.getSource(),
          a.getReporter() + "–" + a.getPartner(),
          period(a),
          millions(a.getExportsUsd()),
          millions(a.getImportsUsd()),
          millions(a.getTurnoverUsd()),
          millions(a.getBalanceUsd()),
          percent(growth),
          multiple(a.getTurnoverMultiple5y()));
    }
    return table;
  }

  /** The latest reported month of a partial year. */
  private TradeMonthly lastMonth(TradeAnnual a) {
    for (int m = 12; m >= 1; m--) {
      TradeMonthly monthly =
          snapshot.monthly(
              topics,
              Keys.join(
                  a.getSource(),
                  a.getReporter(),
                  a.getPartner(),
                  a.getHsGroup(),
                  Keys.tradePeriod(a.getYear(), m)));
      if (monthly != null) {
        return monthly;
      }
    }
    return null;
  }

  private String period(TradeAnnual a) {
    if (a.getMonthsReported() == 0 || a.getMonthsReported() == 12) {
      return Integer.toString(a.getYear());
    }
    TradeMonthly last = lastMonth(a);
    return last == null
        ? Integer.toString(a.getYear())
        : a.getYear()
            + " Jan–"
            + Month.of(last.getMonth()).getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
  }

  /**
   * For each year both sides of a pair report: each side's exports next to the other side's
   * imports, and each side's turnover.
   */
  private TextTable mirror() {
    TextTable table =
        new TextTable(
            "year",
            "reporter",
            "turnover",
            "its exports",
            "partner's imports",
            "partner",
            "partner's turnover",
            "gap");
    Map<String, TradeAnnual> byPairYear = new LinkedHashMap<>();
    totals()
        .forEach(a -> byPairYear.put(Keys.join(a.getReporter(), a.getPartner(), a.getYear()), a));
    for (TradeAnnual a : totals()) {
      TradeAnnual other = byPairYear.get(Keys.join(a.getPartner(), a.getReporter(), a.getYear()));
      if (other == null || a.getReporter().compareTo(a.getPartner()) > 0) {
        continue;
      }
      table.row(
          a.getYear(),
          a.getSource(),
          millions(a.getTurnoverUsd()),
          millions(a.getExportsUsd()),
          millions(other.getImportsUsd()),
          other.getSource(),
          millions(other.getTurnoverUsd()),
          percent(gap(a.getTurnoverUsd(), other.getTurnoverUsd())));
    }
    return table;
  }

  /** How much more (or less) the partner reports than the reporter, in percent. */
  private static BigDecimal gap(BigDecimal reporter, BigDecimal partner) {
    if (reporter.signum() == 0) {
      return null;
    }
    return partner
        .subtract(reporter)
        .multiply(BigDecimal.valueOf(100))
        .divide(reporter, 1, RoundingMode.HALF_EVEN);
  }

  private TextTable targets() {
    TextTable table =
        new TextTable("target", "source", "year", "achieved", "target", "progress", "months");
    for (TargetProgress p : snapshot.values(topics.targetProgress()).values()) {
      table.row(
          p.getTargetId(),
          p.getSource(),
          p.getYear(),
          millions(p.getAchievedUsd()),
          millions(p.getTargetUsd()),
          p.getProgressPct().setScale(1, RoundingMode.HALF_EVEN) + " %",
          p.getMonthsReported());
    }
    return table;
  }

  private TextTable fdi() {
    TextTable table =
        new TextTable(
            "source",
            "reporter",
            "counterpart",
            "direction",
            "measure",
            "year",
            "value",
            "growth",
            "cumulative since");
    Map<String, FdiAnnual> latestPerSeries = new LinkedHashMap<>();
    List<FdiAnnual> all = new ArrayList<>(snapshot.values(topics.fdiAnnual()).values());
    for (FdiAnnual f : all) {
      String series =
          Keys.join(
              f.getSource(), f.getReporter(), f.getCounterpart(), f.getDirection(), f.getMeasure());
      FdiAnnual seen = latestPerSeries.get(series);
      if (seen == null || seen.getYear() < f.getYear()) {
        latestPerSeries.put(series, f);
      }
    }
    for (FdiAnnual last : latestPerSeries.values()) {
      for (FdiAnnual f : all) {
        if (sameSeries(f, last) && f.getYear() >= last.getYear() - 1) {
          table.row(
              f.getSource(),
              f.getReporter(),
              f.getCounterpart(),
              f.getDirection(),
              f.getMeasure(),
              f.getYear(),
              millions(f.getValueUsd()),
              percent(f.getYoyPct()),
              millions(f.getCumulativeUsd()) + " (" + f.getFirstYear() + ")");
        }
      }
    }
    return table;
  }

  private static boolean sameSeries(FdiAnnual a, FdiAnnual b) {
    return a.getSource().equals(b.getSource())
        && a.getReporter().equals(b.getReporter())
        && a.getCounterpart().equals(b.getCounterpart())
        && a.getDirection() == b.getDirection()
        && a.getMeasure() == b.getMeasure();
  }
}
