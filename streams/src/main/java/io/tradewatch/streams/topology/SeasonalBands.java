package io.tradewatch.streams.topology;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.avro.internal.YearValue;
import io.tradewatch.avro.internal.YearValues;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.streams.domain.alerts.AlertRule;
import io.tradewatch.streams.domain.alerts.Condition;
import io.tradewatch.streams.domain.alerts.Condition.Subject;
import io.tradewatch.streams.domain.alerts.RuleBook;
import io.tradewatch.streams.domain.alerts.Rules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The seasonal band rule: a month's turnover against the same calendar month of earlier years
 * (December against earlier Decembers, not against a trailing mean, which every December peak would
 * break). Runs in the task of the series (the monthly figures of a series are all computed there)
 * and keeps the history of each series and calendar month, so all years of one month meet here.
 * Only the HS groups some seasonal rule watches keep a history: a rule added later for other groups
 * judges them after a replay of their figures (an application reset).
 */
final class SeasonalBands implements FixedKeyProcessor<String, TradeMonthly, List<Alert>> {
  static final String HISTORY = "same-month-history";

  private final RuleBook rules;
  private FixedKeyProcessorContext<String, List<Alert>> context;
  private KeyValueStore<String, YearValues> history;

  private SeasonalBands(RuleBook rules) {
    this.rules = rules;
  }

  static FixedKeyProcessorSupplier<String, TradeMonthly, List<Alert>> supplier(RuleBook rules) {
    return new FixedKeyProcessorSupplier<>() {
      @Override
      public FixedKeyProcessor<String, TradeMonthly, List<Alert>> get() {
        return new SeasonalBands(rules);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(HISTORY), Serdes.STRING, Serdes.YEAR_VALUES)
                .withCachingEnabled());
      }
    };
  }

  /** Whether a seasonal rule watches the figure's HS group: only those keep a history. */
  static boolean watched(RuleBook rules, TradeMonthly m) {
    return rules.ofType(AlertRule.SeasonalBand.class).stream()
        .anyMatch(rule -> rule.watches(m.getHsGroup()));
  }

  /** Series and calendar month: {@code source|reporter|partner|hsGroup|MM}. */
  static String calendarKey(TradeMonthly m) {
    int month = m.getMonth();
    return Keys.join(
        m.getSource(),
        m.getReporter(),
        m.getPartner(),
        m.getHsGroup(),
        (month < 10 ? "0" : "") + month);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, List<Alert>> context) {
    this.context = context;
    this.history = context.getStateStore(HISTORY);
  }

  @Override
  public void process(FixedKeyRecord<String, TradeMonthly> record) {
    TradeMonthly m = record.value();
    String calendarKey = calendarKey(m);
    SortedMap<Integer, BigDecimal> byYear = new TreeMap<>();
    YearValues stored = history.get(calendarKey);
    if (stored != null) {
      stored.getEntries().forEach(e -> byYear.put(e.getYear(), e.getValueUsd()));
    }
    SortedMap<Integer, BigDecimal> before = new TreeMap<>(byYear);
    if (m.getTurnoverUsd() == null) {
      // Not released (yet): no value to learn from or to judge.
      byYear.remove(m.getYear());
    } else {
      byYear.put(m.getYear(), m.getTurnoverUsd());
    }
    List<YearValue> entries = new ArrayList<>();
    byYear.forEach((year, value) -> entries.add(new YearValue(year, value)));
    history.put(calendarKey, new YearValues(entries));

    Subject subject = new Subject(m.getSource(), m.getReporter(), m.getPartner(), m.getHsGroup());
    // Every earlier judgement of the years judged now was made with the history before this
    // figure, so judging them with it too tells which candidates change anything.
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
