package io.tradewatch.streams.topology;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.AlertState;
import io.tradewatch.avro.MirrorGap;
import io.tradewatch.avro.Revision;
import io.tradewatch.avro.Severity;
import io.tradewatch.avro.TargetProgress;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.schemas.Keys;
import io.tradewatch.streams.domain.alerts.AlertRule;
import io.tradewatch.streams.domain.alerts.AlertRule.Figure;
import io.tradewatch.streams.domain.alerts.Condition;
import io.tradewatch.streams.domain.alerts.Condition.Subject;
import io.tradewatch.streams.domain.alerts.RuleBook;
import io.tradewatch.streams.domain.alerts.Rules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Evaluates the stateless rules on each output figure. Every evaluation yields a candidate alert,
 * RAISED when the condition holds and CLEARED when it does not; {@link AlertLifecycle} turns the
 * changes into events.
 */
final class AlertCandidates {
  private final RuleBook rules;

  AlertCandidates(RuleBook rules) {
    this.rules = rules;
  }

  /**
   * The candidates of a changed figure worth sending on: those that hold now, and those that held
   * for the figure before and are cleared now. A condition that held neither before nor now would
   * change nothing in {@link AlertLifecycle}, which saw the figure before; most candidates are of
   * that kind, so this keeps them off the repartition by alert id.
   */
  static <V> List<Alert> changed(FigureUpdate<V> update, Function<V, List<Alert>> rules) {
    List<Alert> now = rules.apply(update.after());
    return update.before() == null ? raisedOnly(now) : changed(now, rules.apply(update.before()));
  }

  /** Of the candidates judged now, those that hold or held in the judgement before. */
  static List<Alert> changed(List<Alert> now, List<Alert> before) {
    Set<String> raisedBefore = new HashSet<>();
    for (Alert a : before) {
      if (a.getState() == AlertState.RAISED) {
        raisedBefore.add(a.getAlertId());
      }
    }
    List<Alert> out = new ArrayList<>(now.size());
    for (Alert a : now) {
      if (a.getState() == AlertState.RAISED || raisedBefore.contains(a.getAlertId())) {
        out.add(a);
      }
    }
    return out;
  }

  private static List<Alert> raisedOnly(List<Alert> now) {
    return now.stream().filter(a -> a.getState() == AlertState.RAISED).toList();
  }

  List<Alert> monthly(TradeMonthly m) {
    Subject subject = new Subject(m.getSource(), m.getReporter(), m.getPartner(), m.getHsGroup());
    String period = Keys.tradePeriod(m.getYear(), m.getMonth());
    List<Alert> out = new ArrayList<>();
    for (AlertRule.Yoy rule : rules.ofType(AlertRule.Yoy.class)) {
      if (!rule.watches(m.getHsGroup())) {
        continue;
      }
      BigDecimal growth =
          switch (rule.figure()) {
            case MONTHLY -> m.getTurnoverYoyPct();
            case YTD -> m.getYtdTurnoverYoyPct();
            case T12M -> m.getT12mTurnoverYoyPct();
            case ANNUAL -> null;
          };
      if (rule.figure() != Figure.ANNUAL) {
        out.add(toAlert(Rules.yoy(rule, subject, period, growth)));
      }
    }
    return out;
  }

  List<Alert> annual(TradeAnnual a) {
    Subject subject = new Subject(a.getSource(), a.getReporter(), a.getPartner(), a.getHsGroup());
    List<Alert> out = new ArrayList<>();
    for (AlertRule.Yoy rule : rules.ofType(AlertRule.Yoy.class)) {
      if (Rules.reads(rule, Figure.ANNUAL) && rule.watches(a.getHsGroup())) {
        out.add(
            toAlert(
                Rules.yoy(rule, subject, Integer.toString(a.getYear()), a.getTurnoverYoyPct())));
      }
    }
    return out;
  }

  /** Only complete years are judged: a partial year is always behind a full year's schedule. */
  List<Alert> target(TargetProgress p) {
    boolean complete =
        p.getMonthsReported() == 12 || p.getBasis() == io.tradewatch.avro.AnnualBasis.ANNUAL_RECORD;
    if (!complete) {
      return List.of();
    }
    Subject subject = new Subject(p.getSource(), p.getReporter(), p.getPartner(), p.getTargetId());
    List<Alert> out = new ArrayList<>();
    for (AlertRule.TargetBehind rule : rules.ofType(AlertRule.TargetBehind.class)) {
      out.add(
          toAlert(
              Rules.targetBehind(
                  rule,
                  subject,
                  p.getYear(),
                  p.getAchievedUsd(),
                  p.getTargetUsd(),
                  p.getScheduleUsd(),
                  p.getRequiredGrowthPct(),
                  null)));
    }
    return out;
  }

  /** Only gaps between complete years: a partial year is not comparable. */
  List<Alert> mirror(MirrorGap g) {
    if (!g.getComplete()) {
      return List.of();
    }
    Subject subject =
        new Subject(
            g.getExporterSource() + "/" + g.getImporterSource(),
            g.getExporter(),
            g.getImporter(),
            g.getHsGroup());
    List<Alert> out = new ArrayList<>();
    for (AlertRule.MirrorGap rule : rules.ofType(AlertRule.MirrorGap.class)) {
      if (!rule.watches(g.getHsGroup())) {
        continue;
      }
      out.add(
          toAlert(
              Rules.mirrorGap(
                  rule,
                  subject,
                  g.getYear(),
                  g.getExporterSource(),
                  g.getImporterSource(),
                  g.getExportsUsd(),
                  g.getImportsUsd(),
                  g.getGapPct())));
    }
    return out;
  }

  /**
   * A revised figure's candidates worth sending on, as {@link #changed} for figures: those that
   * hold at this revision, and those that held at the previous one and are cleared now (a first
   * publication holds nothing). Most revisions are small and were small before, and send nothing.
   * Record keys: trade {@code source|reporter|partner|flow|period|hsCode}, FDI {@code
   * source|reporter|counterpart|direction|measure|period}, target {@code targetId}.
   */
  List<Alert> revision(Revision r) {
    List<AlertRule.Revision> sent = new ArrayList<>(1);
    for (AlertRule.Revision rule : rules.ofType(AlertRule.Revision.class)) {
      if (Rules.revisionHolds(rule, r.getFirstValueUsd(), r.getValueUsd())
          || Rules.revisionHolds(rule, r.getFirstValueUsd(), r.getPreviousValueUsd())) {
        sent.add(rule);
      }
    }
    return sent.isEmpty() ? List.of() : revision(r, sent);
  }

  /** The candidates of {@code rules} on a revised figure, whether they hold or not. */
  private static List<Alert> revision(Revision r, List<AlertRule.Revision> rules) {
    String[] p = r.getRecordKey().split("\\|", -1);
    Subject subject;
    String period;
    if (p.length == 6 && "trade".equals(r.getKind())) {
      subject = new Subject(p[0], p[1], p[2], p[3] + " " + p[5]);
      period = p[4];
    } else if (p.length == 6) {
      subject = new Subject(p[0], p[1], p[2], p[3] + " " + p[4]);
      period = p[5];
    } else {
      subject = new Subject(r.getRecordKey(), "", "", r.getKind());
      period = "";
    }
    List<Alert> out = new ArrayList<>(rules.size());
    for (AlertRule.Revision rule : rules) {
      out.add(
          toAlert(
              Rules.revision(
                  rule, subject, period, r.getRecordKey(), r.getFirstValueUsd(), r.getValueUsd())));
    }
    return out;
  }

  static Alert toAlert(Condition c) {
    return Alert.newBuilder()
        .setAlertId(c.alertId())
        .setRule(c.rule().name())
        .setRuleType(c.rule().type().name())
        .setSeverity(Severity.valueOf(c.rule().severity().name()))
        .setState(c.active() ? AlertState.RAISED : AlertState.CLEARED)
        .setSource(c.subject().source())
        .setReporter(c.subject().reporter())
        .setPartner(c.subject().partner())
        .setHsGroup(c.subject().hsGroup())
        .setPeriod(c.period())
        .setObserved(scaled(c.observed()))
        .setExpectedLow(scaled(c.expectedLow()))
        .setExpectedHigh(scaled(c.expectedHigh()))
        .setMessage(c.message())
        .build();
  }

  private static BigDecimal scaled(BigDecimal value) {
    return value == null ? null : value.setScale(4, RoundingMode.HALF_EVEN);
  }
}
