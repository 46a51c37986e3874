package io.tradewatch.streams.topology;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.internal.SeriesYearLedger;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.streams.domain.Side;
import io.tradewatch.streams.domain.YearLedger;
import io.tradewatch.streams.domain.alerts.AlertRule;
import io.tradewatch.streams.domain.alerts.Condition;
import io.tradewatch.streams.domain.alerts.Condition.Subject;
import io.tradewatch.streams.domain.alerts.RuleBook;
import io.tradewatch.streams.domain.alerts.Rules;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The trade-stopped rule: a series whose source keeps releasing months for its pair, none of which
 * holds a figure since its last trade. Judged where the series' ledgers and the releases are: the
 * months without trade are counted from the month after its last traded one through the released
 * months that follow without a gap, up to the rule's N (an alert says "N months", never a count
 * that grows with whatever happened to be loaded when it was last judged).
 *
 * <p>A series is judged when one of its years changes (a figure, or a release of a year it has
 * figures in) and when a release falls in its window: {@link TradeLedger} finds the series whose
 * first month without trade lies within the N months up to a release's month in {@link #SINCE},
 * which this processor keeps. So every release that can change a judgment causes one, and any
 * arrival order gives the same final alerts.
 */
final class TradeStopped implements Processor<String, ChangedYear, String, Alert> {
  /** The processor's name: {@link TradeLedger} sends it the series a release may have stopped. */
  static final String NODE = "alerts-trade-stopped";

  /**
   * Per series, its first month without trade as last judged (YYYY-MM, empty when none), followed
   * by the stops whose end was judged since the last commit ({@link Judgment}).
   */
  static final String JUDGED = "trade-stopped-judged";

  /**
   * The series by source, reporter and first month without trade: {@code
   * source|reporter|YYYY-MM|series}, for {@link TradeLedger}'s range scans by release month.
   */
  static final String SINCE = "trade-stopped-since";

  private static final byte[] PRESENT = new byte[0];
  private static final StringSerializer PREFIX = new StringSerializer();

  private final RuleBook rules;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, SeriesYearLedger> ledgers;
  private KeyValueStore<String, Release> releases;
  private TimestampedKeyValueStore<String, byte[]> judged;
  private KeyValueStore<String, byte[]> since;
  private CommitCounter commits;
  private StartStamp start;

  /**
   * The series whose stops ended in this instance, each with the task's commits then: once a commit
   * has come since, the clearing sent is written.
   */
  private final Map<String, Long> endedAt = new HashMap<>();

  private TradeStopped(RuleBook rules) {
    this.rules = rules;
  }

  static ProcessorSupplier<String, ChangedYear, String, Alert> supplier(RuleBook rules) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, ChangedYear, String, Alert> get() {
        return new TradeStopped(rules);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.timestampedKeyValueStoreBuilder(
                    Stores.persistentTimestampedKeyValueStore(JUDGED), Serdes.STRING, Serdes.BYTES)
                .withCachingEnabled());
      }
    };
  }

  /** Shared with {@link TradeLedger}, which reads it. */
  static StoreBuilder<KeyValueStore<String, byte[]>> sinceStore() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SINCE), Serdes.STRING, Serdes.BYTES)
        .withCachingEnabled();
  }

  /** The index key of a series whose first month without trade is {@code firstWithout}. */
  static String sinceKey(SeriesKey series, String seriesKey, YearMonth firstWithout) {
    return Keys.join(
        series.source(),
        series.reporter(),
        Keys.tradePeriod(firstWithout.getYear(), firstWithout.getMonthValue()),
        seriesKey);
  }

  /** The longest window of the rules: how far back of a release's month a series may be judged. */
  static int window(RuleBook rules) {
    return rules.ofType(AlertRule.TradeStopped.class).stream()
        .mapToInt(AlertRule.TradeStopped::periods)
        .max()
        .orElse(0);
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.ledgers = context.getStateStore(TradeLedger.LEDGERS);
    this.releases = context.getStateStore(TradeLedger.RELEASES);
    this.judged = context.getStateStore(JUDGED);
    this.since = context.getStateStore(SINCE);
    this.commits = context.getStateStore(TradeLedger.COMMITS);
    this.start = StartStamp.of(context.appConfigs());
    endedAt.clear();
  }

  @Override
  public void process(Record<String, ChangedYear> record) {
    SeriesKey series = SeriesKey.parse(record.key());
    List<AlertRule.TradeStopped> watching =
        rules.ofType(AlertRule.TradeStopped.class).stream()
            .filter(rule -> rule.watches(series.hsGroup()))
            .toList();
    if (watching.isEmpty()) {
      return;
    }
    Subject subject =
        new Subject(series.source(), series.reporter(), series.partner(), series.hsGroup());
    ValueAndTimestamp<byte[]> stored = judged.get(record.key());
    Judgment before = Judgment.parse(ValueAndTimestamp.getValueOrNull(stored));
    boolean firstJudgment = false;
    SortedSet<YearMonth> ended = new TreeSet<>(before.ended());
    Long endedThen = endedAt.get(record.key());
    if (!ended.isEmpty() && endedThen == null) {
      // The first judgment since the task started of a stop that ended before: under
      // at-least-once a crash may have kept the end and lost the clearing, which is sent again.
      if (start.resends()) {
        ended.forEach(stop -> clear(record, subject, watching, stop));
      }
      endedAt.put(record.key(), commits.commits());
    } else if (endedThen != null && commits.commits() > endedThen) {
      // A commit has written the clearings.
      ended.clear();
      endedAt.remove(record.key());
    }
    YearMonth previous = before.stoppedSince();
    YearMonth lastTraded = lastTraded(record.key());
    YearMonth firstWithout = lastTraded == null ? null : lastTraded.plusMonths(1);
    if (previous != null && !previous.equals(firstWithout)) {
      // Trade resumed (or an earlier stop was filled in): the alert about it ends.
      clear(record, subject, watching, previous);
      since.delete(sinceKey(series, record.key(), previous));
      ended.add(previous);
      endedAt.put(record.key(), commits.commits());
    }
    if (firstWithout != null) {
      int longest = watching.stream().mapToInt(AlertRule.TradeStopped::periods).max().orElseThrow();
      YearMonth lastReleased =
          lastReleasedInARow(series, firstWithout, firstWithout.plusMonths(longest - 1L));
      for (AlertRule.TradeStopped rule : watching) {
        YearMonth end = firstWithout.plusMonths(rule.periods() - 1L);
        YearMonth counted = lastReleased.isAfter(end) ? end : lastReleased;
        forward(record, firstWithout, Rules.tradeStopped(rule, subject, firstWithout, counted));
      }
      // Indexed when the stop is new, and again at the first judgment of a stop an earlier start
      // stored, under at-least-once: a crash can keep the judgment and lose the index entry, and
      // releases would then never find the series to judge it again.
      firstJudgment = start.writtenBefore(stored);
      if (!firstWithout.equals(previous) || firstJudgment) {
        since.put(sinceKey(series, record.key(), firstWithout), PRESENT);
      }
    }
    Judgment after = new Judgment(firstWithout, ended);
    if (after.ended().isEmpty() && after.stoppedSince() == null) {
      if (before.stoppedSince() != null || !before.ended().isEmpty()) {
        judged.delete(record.key());
      }
    } else if (!after.equals(before) || firstJudgment) {
      judged.put(record.key(), start.stamp(after.encode()));
    }
  }

  /** The rules' alerts about a stop from {@code stop} on end: trade resumed. */
  private void clear(
      Record<String, ChangedYear> record,
      Subject subject,
      List<AlertRule.TradeStopped> watching,
      YearMonth stop) {
    for (AlertRule.TradeStopped rule : watching) {
      forward(record, stop, Rules.tradeStopped(rule, subject, stop, stop.minusMonths(1)));
    }
  }

  /**
   * A series' judgment as stored: the first month without trade (null when none), and the stops
   * whose end was judged and whose clearing no commit is known to have written. Under at-least-once
   * a crash can keep this record and lose the clearings: a restarted task sends them again. Stored
   * as the month (or nothing), then {@code ~YYYY-MM} per ended stop; a bare month as before.
   */
  record Judgment(YearMonth stoppedSince, SortedSet<YearMonth> ended) {
    private static final String ENDED = "~";

    static Judgment parse(byte[] stored) {
      SortedSet<YearMonth> ended = new TreeSet<>();
      if (stored == null) {
        return new Judgment(null, ended);
      }
      String[] parts = new String(stored, StandardCharsets.UTF_8).split(ENDED, -1);
      for (int i = 1; i < parts.length; i++) {
        ended.add(YearMonth.parse(parts[i]));
      }
      return new Judgment(parts[0].isEmpty() ? null : YearMonth.parse(parts[0]), ended);
    }

    byte[] encode() {
      StringBuilder out = new StringBuilder(stoppedSince == null ? "" : stoppedSince.toString());
      ended.forEach(stop -> out.append(ENDED).append(stop));
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** An alert event stamped with the first month without trade, whatever caused the judgment. */
  private void forward(Record<String, ChangedYear> record, YearMonth since, Condition c) {
    context.forward(
        new Record<>(
            record.key(),
            AlertCandidates.toAlert(c),
            SeriesKey.startOf(since.getYear(), since.getMonthValue()),
            record.headers()));
  }

  /** The last month with a figure other than zero, exports or imports; null when none. */
  private YearMonth lastTraded(String series) {
    YearMonth last = null;
    try (KeyValueIterator<String, SeriesYearLedger> years =
        ledgers.prefixScan(series + Keys.SEPARATOR, PREFIX)) {
      while (years.hasNext()) {
        var kv = years.next();
        int year = Integer.parseInt(kv.key.substring(kv.key.lastIndexOf(Keys.SEPARATOR) + 1));
        YearLedger ledger = LedgerCodec.toDomain(kv.value, year);
        for (int m = 12; m >= 1; m--) {
          if (ledger.booked(Side.EXPORTS, m).signum() != 0
              || ledger.booked(Side.IMPORTS, m).signum() != 0) {
            YearMonth traded = YearMonth.of(year, m);
            if (last == null || traded.isAfter(last)) {
              last = traded;
            }
            break;
          }
        }
      }
    }
    return last;
  }

  /**
   * The last of the months from {@code from} to {@code until} that are released for both flows of
   * the pair without a gap; the month before {@code from} when {@code from} itself is not released.
   * Release keys sort by month, so the scan starts at {@code from} and stops at the first gap.
   */
  private YearMonth lastReleasedInARow(SeriesKey series, YearMonth from, YearMonth until) {
    String reporter = Keys.join(series.source(), series.reporter());
    YearMonth last = from.minusMonths(1);
    YearMonth month = null;
    boolean exports = false;
    boolean imports = false;
    try (KeyValueIterator<String, Release> releasesFrom =
        releases.range(
            Keys.join(reporter, Keys.tradePeriod(from.getYear(), from.getMonthValue())),
            Keys.join(reporter, Keys.tradePeriod(until.getYear(), until.getMonthValue()))
                + Keys.SEPARATOR
                + '~')) {
      while (releasesFrom.hasNext()) {
        Release r = releasesFrom.next().value;
        if (r.getPartners() != null && !r.getPartners().contains(series.partner())) {
          continue;
        }
        YearMonth m = YearMonth.of(r.getYear(), r.getMonth());
        if (!m.equals(month)) {
          if (month != null && exports && imports && month.equals(last.plusMonths(1))) {
            last = month;
          }
          if (!m.equals(last.plusMonths(1))) {
            return last;
          }
          month = m;
          exports = false;
          imports = false;
        }
        exports |= r.getFlows().contains(Flow.X);
        imports |= r.getFlows().contains(Flow.M);
      }
    }
    if (month != null && exports && imports && month.equals(last.plusMonths(1))) {
      last = month;
    }
    return last;
  }
}
