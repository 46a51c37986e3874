package io.tradewatch.streams.topology;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.internal.SeriesActivity;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.streams.domain.alerts.AlertRule;
import io.tradewatch.streams.domain.alerts.Condition.Subject;
import io.tradewatch.streams.domain.alerts.RuleBook;
import io.tradewatch.streams.domain.alerts.Rules;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The silence rule: a source that has released nothing for a reporter for several months while the
 * releases of any source have moved on. Time is the statistical calendar (the newest month
 * released), never the wall clock. Fed by releases, not figures: one record per source, reporter
 * and month, all meeting under one key.
 *
 * <p>Besides each source-reporter's last released month, a second store indexes them by that month,
 * so the newest month is one lookup and, when it moves on, the silent ones are visited to raise
 * their alert or refresh its lag (a few hundred at most: one per source and reporter).
 */
final class SourceSilence implements FixedKeyProcessor<String, SeriesActivity, List<Alert>> {
  static final String LAST_PERIODS = "series-last-period";
  static final String BY_LAST_PERIOD = "series-by-last-period";
  static final String ALL = "all";

  private final RuleBook rules;
  private FixedKeyProcessorContext<String, List<Alert>> context;
  private TimestampedKeyValueStore<String, SeriesActivity> last;
  private KeyValueStore<String, SeriesActivity> byLast;
  private StartStamp start;

  /** Whether this start has visited every silent series (under at-least-once, at its first). */
  private boolean visitedAll;

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
            Stores.timestampedKeyValueStoreBuilder(
                    Stores.persistentTimestampedKeyValueStore(LAST_PERIODS),
                    Serdes.STRING,
                    Serdes.SERIES_ACTIVITY)
                .withCachingEnabled(),
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(BY_LAST_PERIOD),
                    Serdes.STRING,
                    Serdes.SERIES_ACTIVITY)
                .withCachingEnabled());
      }
    };
  }

  @Override
  public void init(FixedKeyProcessorContext<String, List<Alert>> context) {
    this.context = context;
    this.last = context.getStateStore(LAST_PERIODS);
    this.byLast = context.getStateStore(BY_LAST_PERIOD);
    this.start = StartStamp.of(context.appConfigs());
    this.visitedAll = !start.resends();
  }

  @Override
  public void process(FixedKeyRecord<String, SeriesActivity> record) {
    SeriesActivity seen = record.value();
    ValueAndTimestamp<SeriesActivity> stored = last.get(seen.getSeries());
    SeriesActivity before = ValueAndTimestamp.getValueOrNull(stored);
    // Under at-least-once, an activity not newer than the one an earlier start stored is judged
    // again, and the first activity of a start visits every silent series: a crash may have kept
    // what an activity changed in the stores and lost the candidates it sent.
    boolean repeat = before != null && !month(seen).isAfter(month(before));
    if (repeat && !start.writtenBefore(stored)) {
      return;
    }
    boolean visitAll = !visitedAll;
    visitedAll = true;
    Optional<YearMonth> newestBefore = newest();
    // A repeat is judged as the series' stored activity, the latest.
    SeriesActivity latest = repeat ? before : seen;
    last.put(latest.getSeries(), start.stamp(latest));
    if (!repeat) {
      if (before != null) {
        byLast.delete(indexKey(before));
      }
      byLast.put(indexKey(seen), seen);
    }
    YearMonth newest = newestBefore.filter(n -> n.isAfter(month(latest))).orElse(month(latest));
    boolean movedOn = newestBefore.map(newest::isAfter).orElse(true) || visitAll;

    List<Alert> out = new ArrayList<>();
    for (AlertRule.Silence rule : rules.ofType(AlertRule.Silence.class)) {
      out.add(AlertCandidates.toAlert(Rules.silence(rule, subject(latest), month(latest), newest)));
      if (movedOn) {
        // Every silent one, so that open alerts always show the lag to the newest release.
        forEachLastBetween(
            YearMonth.of(1, 1),
            newest.minusMonths(rule.periods()),
            a -> {
              if (!a.getSeries().equals(latest.getSeries())) {
                out.add(AlertCandidates.toAlert(Rules.silence(rule, subject(a), month(a), newest)));
              }
            });
      }
    }
    if (!out.isEmpty()) {
      context.forward(record.withValue(out));
    }
  }

  /** The newest last month of any series: the index's greatest key. */
  private Optional<YearMonth> newest() {
    try (KeyValueIterator<String, SeriesActivity> all = byLast.reverseAll()) {
      return all.hasNext() ? Optional.of(month(all.next().value)) : Optional.empty();
    }
  }

  /** Visits the series whose last month is after {@code after} and no later than {@code latest}. */
  private void forEachLastBetween(
      YearMonth after, YearMonth latest, Consumer<SeriesActivity> visit) {
    if (!latest.isAfter(after)) {
      return;
    }
    // Index keys are "yyyy-MM|series": a month's bare prefix sorts before all of its keys.
    try (KeyValueIterator<String, SeriesActivity> silent =
        byLast.range(after.plusMonths(1).toString(), latest.plusMonths(1).toString())) {
      silent.forEachRemaining(kv -> visit.accept(kv.value));
    }
  }

  private static String indexKey(SeriesActivity a) {
    return Keys.join(month(a), a.getSeries());
  }

  private static YearMonth month(SeriesActivity a) {
    return YearMonth.of(a.getYear(), a.getMonth());
  }

  private static Subject subject(SeriesActivity a) {
    SeriesKey s = SeriesKey.parse(a.getSeries());
    return new Subject(s.source(), s.reporter(), s.partner(), s.hsGroup());
  }
}
