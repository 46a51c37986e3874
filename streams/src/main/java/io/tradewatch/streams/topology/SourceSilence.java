package io.tradewatch.streams.topology;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.internal.SeriesActivity;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.streams.domain.alerts.AlertRule;
import io.tradewatch.streams.domain.alerts.AlertRule.RuleType;
import io.tradewatch.streams.domain.alerts.Condition.Subject;
import io.tradewatch.streams.domain.alerts.RuleBook;
import io.tradewatch.streams.domain.alerts.Rules;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The silence rule: a series whose source has published nothing for several months while the newest
 * figures of any series have moved on. Time is the statistical calendar (the newest month seen),
 * never the wall clock, so a replay raises the same alerts. All series' latest months meet under
 * one key: one small record per series.
 */
final class SourceSilence implements FixedKeyProcessor<String, SeriesActivity, List<Alert>> {
  static final String LAST_PERIODS = "series-last-period";
  static final String ALL = "all";

  private final RuleBook rules;
  private FixedKeyProcessorContext<String, List<Alert>> context;
  private KeyValueStore<String, SeriesActivity> last;

  private SourceSilence(RuleBook rules) {
    this.rules = rules;
  }

  static FixedKeyProcessorSupplier<String, SeriesActivity, List<Alert>> supplier(RuleBook rules) {
    return new FixedKeyProcessorSupplier<>() {
      @Override
      public FixedKeyProcessor<String, SeriesActivity, List<Alert>> get() {
        return new SourceSilence(rules);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LAST_PERIODS),
                Serdes.STRING,
                Serdes.SERIES_ACTIVITY));
      }
    };
  }

  @Override
  public void init(FixedKeyProcessorContext<String, List<Alert>> context) {
    this.context = context;
    this.last = context.getStateStore(LAST_PERIODS);
  }

  @Override
  public void process(FixedKeyRecord<String, SeriesActivity> record) {
    SeriesActivity seen = record.value();
    SeriesActivity before = last.get(seen.getSeries());
    if (before != null && !month(seen).isAfter(month(before))) {
      return;
    }
    YearMonth newestBefore = newest();
    last.put(seen.getSeries(), seen);
    YearMonth newest = newest();
    List<Alert> out = new ArrayList<>();
    for (AlertRule rule : rules.ofType(RuleType.SILENCE)) {
      if (before != null) {
        // The series moved on: the alert about its old last month ends.
        out.add(
            AlertCandidates.toAlert(
                Rules.silence(rule, subject(before), month(before), month(before))));
      }
      if (newest.equals(newestBefore)) {
        out.add(AlertCandidates.toAlert(Rules.silence(rule, subject(seen), month(seen), newest)));
      } else {
        try (KeyValueIterator<String, SeriesActivity> all = last.all()) {
          all.forEachRemaining(
              kv ->
                  out.add(
                      AlertCandidates.toAlert(
                          Rules.silence(rule, subject(kv.value), month(kv.value), newest))));
        }
      }
    }
    if (!out.isEmpty()) {
      context.forward(record.withValue(out));
    }
  }

  private YearMonth newest() {
    YearMonth newest = YearMonth.of(1, 1);
    try (KeyValueIterator<String, SeriesActivity> all = last.all()) {
      while (all.hasNext()) {
        YearMonth m = month(all.next().value);
        if (m.isAfter(newest)) {
          newest = m;
        }
      }
    }
    return newest;
  }

  private static YearMonth month(SeriesActivity a) {
    return YearMonth.of(a.getYear(), a.getMonth());
  }

  private static Subject subject(SeriesActivity a) {
    SeriesKey s = SeriesKey.parse(a.getSeries());
    return new Subject(s.source(), s.reporter(), s.partner(), s.hsGroup());
  }
}
