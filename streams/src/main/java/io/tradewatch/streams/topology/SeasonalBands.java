package io.tradewatch.streams.topology;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.schemas.Keys;
import io.tradewatch.streams.domain.alerts.AlertRule;
import io.tradewatch.streams.domain.alerts.Condition;
import io.tradewatch.streams.domain.alerts.Condition.Subject;
import io.tradewatch.streams.domain.alerts.RuleBook;
import io.tradewatch.streams.domain.alerts.Rules;
import io.tradewatch.streams.query.QueryableStores;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The seasonal band rule: a month's turnover against the same calendar month of earlier years
 * (December against earlier Decembers, not against a trailing mean, which every December peak would
 * break). Runs in the task of the series, after the monthly table ({@link FigureTable}), and reads
 * the same month of the other years from that table: the figures of a series are all there, so the
 * rule keeps no history of its own and needs no repartition.
 */
final class SeasonalBands
    implements FixedKeyProcessor<String, FigureUpdate<TradeMonthly>, List<Alert>> {
  private final RuleBook rules;

  /** The most years a watching rule compares with: the years read around a changed one. */
  private final int span;

  private FixedKeyProcessorContext<String, List<Alert>> context;
  private TimestampedKeyValueStore<String, TradeMonthly> monthly;

  private SeasonalBands(RuleBook rules) {
    this.rules = rules;
    this.span =
        rules.ofType(AlertRule.SeasonalBand.class).stream()
            .mapToInt(AlertRule.SeasonalBand::years)
            .max()
            .orElse(0);
  }

  /** Reads the monthly table ({@link QueryableStores#MONTHLY}), which must be connected to it. */
  static FixedKeyProcessorSupplier<String, FigureUpdate<TradeMonthly>, List<Alert>> supplier(
      RuleBook rules) {
    return () -> new SeasonalBands(rules);
  }

  /** Whether a seasonal rule watches the figure's HS group. */
  static boolean watched(RuleBook rules, TradeMonthly m) {
    return rules.ofType(AlertRule.SeasonalBand.class).stream()
        .anyMatch(rule -> rule.watches(m.getHsGroup()));
  }

  @Override
  public void init(FixedKeyProcessorContext<String, List<Alert>> context) {
    this.context = context;
    this.monthly = context.getStateStore(QueryableStores.MONTHLY);
  }

  @Override
  public void process(FixedKeyRecord<String, FigureUpdate<TradeMonthly>> record) {
    TradeMonthly m = record.value().after();
    // The table holds the figure already; the years around it are all a judgement can reach.
    SortedMap<Integer, BigDecimal> byYear = new TreeMap<>();
    for (int year = m.getYear() - span; year <= m.getYear() + span; year++) {
      TradeMonthly same =
          year == m.getYear()
              ? m
              : ValueAndTimestamp.getValueOrNull(
                  monthly.get(
                      Keys.join(
                          m.getSource(),
                          m.getReporter(),
                          m.getPartner(),
                          m.getHsGroup(),
                          Keys.tradePeriod(year, m.getMonth()))));
      // A month not released (yet) has no turnover: no value to learn from or to judge.
      if (same != null && same.getTurnoverUsd() != null) {
        byYear.put(year, same.getTurnoverUsd());
      }
    }
    SortedMap<Integer, BigDecimal> before = new TreeMap<>(byYear);
    TradeMonthly was = record.value().before();
    if (was == null || was.getTurnoverUsd() == null) {
      before.remove(m.getYear());
    } else {
      before.put(m.getYear(), was.getTurnoverUsd());
    }

    Subject subject = new Subject(m.getSource(), m.getReporter(), m.getPartner(), m.getHsGroup());
    // Every earlier judgement of the years judged now was made with the figure before this one,
    // so judging them with it too tells which candidates change anything.
    List<Alert> out =
        AlertCandidates.changed(
            judge(subject, m.getYear(), m.getMonth(), byYear),
            judge(subject, m.getYear(), m.getMonth(), before));
    if (!out.isEmpty()) {
      context.forward(record.withValue(out));
    }
  }

  /** The changed year is judged, and so are the later years whose band it is part of. */
  private List<Alert> judge(
      Subject subject, int changedYear, int month, SortedMap<Integer, BigDecimal> byYear) {
    List<Alert> out = new ArrayList<>();
    for (AlertRule.SeasonalBand rule : rules.ofType(AlertRule.SeasonalBand.class)) {
      if (!rule.watches(subject.hsGroup())) {
        continue;
      }
      for (int year :
          byYear.tailMap(changedYear).headMap(changedYear + rule.years() + 1).keySet()) {
        List<BigDecimal> earlier =
            new ArrayList<>(byYear.subMap(year - rule.years(), year).values());
        Condition c = Rules.seasonal(rule, subject, year, month, byYear.get(year), earlier);
        if (c != null) {
          out.add(AlertCandidates.toAlert(c));
        }
      }
    }
    return out;
  }
}
