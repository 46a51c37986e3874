package io.tradewatch.local.report;

import static io.tradewatch.local.report.Human.millions;
import static io.tradewatch.local.report.Human.multiple;
import static io.tradewatch.local.report.Human.percent;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.FdiAnnual;
import io.tradewatch.avro.MirrorGap;
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
  private final List<Alert> openAlerts;

  /**
   * @param openAlerts the alerts raised now, with current figures (the alerts topic holds each
   *     alert's figures when it was raised)
   */
  public SummaryReport(OutputSnapshot snapshot, Topics topics, List<Alert> openAlerts) {
    this.snapshot = snapshot;
    this.topics = topics;
    this.openAlerts = openAlerts;
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("Goods trade, all products (USD), as each source reports it\n");
    out.append(trade().render()).append('\n');
    TextTable mirror = mirror();
    if (!mirror.isEmpty()) {
      out.append("Mirror statistics: the same trade as exporter and importer report it\n");
      out.append(mirror.render()).append('\n');
    }
    TextTable targets = targets();
    if (!targets.isEmpty()) {
      out.append("Targets\n").append(targets.render()).append('\n');
    }
    TextTable fdi = fdi();
    if (!fdi.isEmpty()) {
      out.append("Foreign direct investment (USD)\n").append(fdi.render()).append('\n');
    }
    out.append("Alerts raised (").append(openAlerts.size()).append(")\n");
    for (Alert a : openAlerts) {
      out.append("  ").append(a.getSeverity()).append("  ").append(a.getMessage()).append('\n');
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
   * Mirror statistics of all products: each exporter's figure beside what its partner reports
   * importing, with the gap after the CIF/FOB adjustment.
   */
  private TextTable mirror() {
    TextTable table =
        new TextTable(
            "year",
            "flow",
            "exports",
            "as reported by",
            "imports",
            "as reported by",
            "imports FOB",
            "gap");
    for (MirrorGap g : snapshot.values(topics.mirrorGaps()).values()) {
      if (!Keys.TOTAL.equals(g.getHsGroup())) {
        continue;
      }
      table.row(
          g.getYear() + (g.getComplete() ? "" : " (partial)"),
          g.getExporter() + "→" + g.getImporter(),
          millions(g.getExportsUsd()),
          g.getExporterSource(),
          millions(g.getImportsUsd()),
          g.getImporterSource(),
          millions(g.getImportsFobUsd())
              + " (÷"
              + g.getCifFobFactor().stripTrailingZeros().toPlainString()
              + ")",
          percent(g.getGapPct()));
    }
    return table;
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
