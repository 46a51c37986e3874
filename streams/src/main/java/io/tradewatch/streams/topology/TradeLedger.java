package io.tradewatch.streams.topology;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.avro.internal.HsValue;
import io.tradewatch.avro.internal.LedgerInput;
import io.tradewatch.avro.internal.PeriodCell;
import io.tradewatch.avro.internal.SeriesYearLedger;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.schemas.WireHeaders;
import io.tradewatch.streams.domain.HsPrecedence;
import io.tradewatch.streams.domain.SeriesCalendar;
import io.tradewatch.streams.domain.Side;
import io.tradewatch.streams.domain.YearLedger;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Books each applied export or import figure into its series' year ledger and, at most once per
 * emit interval, forwards each year that changed (keyed by series).
 *
 * <p>A figure arrives keyed by {@code source|reporter|partner} and is booked in two series, {@code
 * source|reporter|partner|hsGroup} for its HS chapter and for the total. The figures of a pair,
 * flow and period are kept per HS code in one cell (under the total's series key), so a revision
 * overwrites (retracts) the old value, and a group's value for the period is resolved from the
 * cell's codes in that group by {@link HsPrecedence} (a coarser code stands for the finer ones):
 * one cell write per figure, not one per group. Figures of other flows (re-exports, re-imports,
 * ...) are not aggregated; they are kept in the cells too, where {@link TargetTracker} measures
 * targets of any flow.
 *
 * <p>Why not forward on every record: a changed year makes the output processors recompute up to 36
 * months, and a history replay changes the same series-year a dozen times in a row. Changed years
 * are kept in a store (so a crash between two emissions loses none: the store is restored with the
 * ledgers, atomically under exactly-once) and emitted by a wall-clock punctuation, which folds
 * every change made in between into one recomputation: every interval on a live feed, less often
 * while a backlog is read ({@link EmissionPacing}).
 */
final class TradeLedger implements Processor<String, LedgerInput, String, ChangedYear> {
  private static final Logger LOG = LoggerFactory.getLogger(TradeLedger.class);
  static final String CELLS = "trade-period-cells";
  static final String LEDGERS = "trade-series-years";

  /** The series-years changed since the last emission ({@link PendingYears}). */
  static final String CHANGED = "trade-pending-years";

  /**
   * Every release, in every partition (releases are sent to all of them), keyed by its release key
   * (source|reporter|YYYY-MM|scope): the output processors read coverage from it.
   */
  static final String RELEASES = "trade-releases";

  /**
   * The series-years of this partition, keyed source|reporter|year|partner|hsGroup: a release finds
   * the series whose figures it changes by a prefix scan of its source, reporter and year (and of
   * the later years whose growth, trailing sums and five-year multiples compare with it).
   */
  static final String SERIES = "trade-series-index";

  /**
   * Releases counted since the last emission, keyed by release key, valued like a changed year (its
   * first month, then its header). The series a release covers are looked up at the emission, not
   * when it arrives: a release of a reporter with thousands of series then costs one write here
   * instead of one per series, and the releases of one emission judge each series once.
   */
  static final String PENDING_RELEASES = "trade-pending-releases";

  /** The months whose figures wait for their release ({@link AwaitedReleases}). */
  static final String AWAITING = "trade-awaiting-releases";

  /**
   * The task's commits ({@link CommitCounter}): what an emission forwarded is forgotten in the
   * stores above only once a commit has written it.
   */
  static final String COMMITS = "trade-ledger-commits";

  private static final byte[] PRESENT = new byte[0];

  /**
   * How long an emission forwards the years of pending releases, at most: well inside Kafka
   * Streams' transaction timeout (10 s) and the consumer's poll interval (5 min).
   */
  static final Duration RELEASE_BUDGET = Duration.ofSeconds(2);

  /**
   * Offsets from a released year to the years whose figures depend on its months: itself, the next
   * two (growth and trailing 12 months, and their growth) and five years on (multiple and CAGR).
   */
  private static final int[] YEARS_DEPENDING = {0, 1, 2, SeriesCalendar.MULTI_YEAR_SPAN};

  private static final Serializer<String> PREFIX = new StringSerializer();

  private final Duration emitInterval;
  private final int stoppedWindow;
  private ProcessorContext<String, ChangedYear> context;
  private KeyValueStore<String, PeriodCell> cells;
  private KeyValueStore<String, SeriesYearLedger> ledgers;
  private PendingYears changed;
  private KeyValueStore<String, byte[]> series;
  private KeyValueStore<String, Release> releases;
  private KeyValueStore<String, byte[]> stoppedSince;
  private KeyValueStore<String, byte[]> pendingReleases;
  private AwaitedReleases awaited;
  private EmissionPacing pacing;
  private CommitCounter commits;

  /** The task's commits when the last emission ran; -1 before the first. */
  private long commitsAtEmission;

  /**
   * The pending releases whose years were all forwarded, each with its value then: they leave their
   * store once a commit has written those years' figures.
   */
  private final Map<String, byte[]> releasesEmitted = new HashMap<>();

  /**
   * How often each release was counted since the start: a release counted again while its years
   * were being forwarded (read again after a restart, when a carry of what the store held was under
   * way) is carried again rather than forgotten with the copy the carry read.
   */
  private final Map<String, Integer> releaseCounts = new HashMap<>();

  /** Counts emissions (see ChangedYear#emission); restarts at 0 with the processor. */
  private long emission;

  /** The cell booked last and the sums that resolve its groups. */
  private final CellSums lastCell = new CellSums();

  /** What this start stamps on the ledgers it writes ({@link #SERIES}; see {@link #book}). */
  private StartStamp start;

  /** How long an emission forwards the years of pending releases before carrying the rest. */
  private final Duration budget;

  /** The releases whose years are being forwarded, across emissions; null between them. */
  private ReleaseCarry carry;

  private TradeLedger(Duration emitInterval, int stoppedWindow, Duration budget) {
    this.emitInterval = emitInterval;
    this.stoppedWindow = stoppedWindow;
    this.budget = budget;
  }

  /**
   * @param emitInterval how often changed years are forwarded (wall clock); the commit interval is
   *     a good choice, since outputs become visible at commits anyway
   * @param stoppedWindow the longest trade-stopped rule in months (0 without one): a release sends
   *     the series whose first month without trade lies that far back to {@link TradeStopped}
   * @param budget how long an emission forwards the years of pending releases, at most (at least
   *     one year): {@link #RELEASE_BUDGET} but in tests
   */
  static ProcessorSupplier<String, LedgerInput, String, ChangedYear> supplier(
      Duration emitInterval, int stoppedWindow, Duration budget) {
    if (emitInterval.isNegative() || emitInterval.isZero()) {
      throw new IllegalArgumentException("emit interval must be positive, was " + emitInterval);
    }
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, LedgerInput, String, ChangedYear> get() {
        return new TradeLedger(emitInterval, stoppedWindow, budget);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(SERIES), Serdes.STRING, Serdes.BYTES)
                .withCachingEnabled(),
            // In memory (restored from its changelog): it holds only the years waiting for the
            // next emission, and RocksDB would keep every removed one as a tombstone.
            FoldingStore.over(
                Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(CHANGED), Serdes.STRING, PendingYears.BUCKET)
                    .withCachingEnabled()),
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(PENDING_RELEASES), Serdes.STRING, Serdes.BYTES)
                .withCachingEnabled(),
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(AWAITING), Serdes.STRING, Serdes.BYTES)
                .withCachingEnabled());
      }
    };
  }

  /** The releases, shared with the output processors, which read coverage from them. */
  static StoreBuilder<KeyValueStore<String, Release>> releaseStore() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(RELEASES), Serdes.STRING, Serdes.RELEASE)
        .withCachingEnabled();
  }

  /**
   * The period cells, shared with {@link TargetTracker}, which measures targets on the cells of a
   * pair's total series.
   */
  static StoreBuilder<KeyValueStore<String, PeriodCell>> cellStore() {
    return FoldingStore.over(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CELLS), Serdes.STRING, Serdes.PERIOD_CELL)
            .withCachingEnabled());
  }

  /**
   * The task's commits, shared with {@link ReleaseSequencer} and {@link TradeStopped}, which also
   * forget what they sent only once a commit has written it.
   */
  static StoreBuilder<CommitCounter> commitCounter() {
    return CommitCounter.builder(COMMITS);
  }

  /** The store shared with the output processors, which read the ledgers this one writes. */
  static StoreBuilder<KeyValueStore<String, SeriesYearLedger>> ledgerStore() {
    return FoldingStore.over(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LEDGERS), Serdes.STRING, Serdes.SERIES_YEAR_LEDGER)
            .withCachingEnabled());
  }

  static String ledgerKey(String series, int year) {
    return Keys.join(series, year);
  }

  /** Whether a flow counts as exports or imports in the aggregates (X and M only). */
  static boolean aggregated(TradeRecord r) {
    return r.getFlow() == Flow.X || r.getFlow() == Flow.M;
  }

  @Override
  public void init(ProcessorContext<String, ChangedYear> context) {
    this.context = context;
    this.cells = context.getStateStore(CELLS);
    this.ledgers = context.getStateStore(LEDGERS);
    this.changed = new PendingYears(context.getStateStore(CHANGED));
    this.series = context.getStateStore(SERIES);
    this.releases = context.getStateStore(RELEASES);
    this.pendingReleases = context.getStateStore(PENDING_RELEASES);
    this.awaited = new AwaitedReleases(context.getStateStore(AWAITING), releases);
    if (stoppedWindow > 0) {
      this.stoppedSince = context.getStateStore(TradeStopped.SINCE);
    }
    this.pacing = new EmissionPacing(emitInterval);
    this.start = StartStamp.of(context.appConfigs());
    this.commits = context.getStateStore(COMMITS);
    this.commitsAtEmission = -1;
    releasesEmitted.clear();
    releaseCounts.clear();
    lastCell.forget();
    context.schedule(
        emitInterval,
        PunctuationType.WALL_CLOCK_TIME,
        now -> {
          if (pacing.due(now)) {
            emitChangedYears(now);
          }
        });
  }

  @Override
  public void process(Record<String, LedgerInput> record) {
    LedgerInput input = record.value();
    Header publishedAt = record.headers().lastHeader(WireHeaders.PUBLISHED_AT);
    pacing.read(millis(publishedAt), context.currentSystemTimeMs());
    if (input.getRelease() != null) {
      release(input.getRelease(), publishedAt);
    } else if (input.getTrade() != null) {
      TradeRecord r = input.getTrade();
      // Every figure goes into its pair's cell, where TargetTracker measures targets of any flow;
      // only exports and imports go on into the aggregates.
      bookCell(r);
      if (!aggregated(r)) {
        return;
      }
      boolean releaseFollows = record.headers().lastHeader(WireHeaders.RELEASE_FOLLOWS) != null;
      for (String group : hsGroups(r)) {
        book(
            SeriesKey.of(r.getSource(), r.getReporter(), r.getPartner(), group),
            r,
            lastCell.resolved(group),
            publishedAt,
            releaseFollows);
      }
    }
    // A target definition: TargetTracker's.
  }

  /**
   * The key a figure or target reaches the ledgers under, {@code source|reporter|partner}, in the
   * task of its country pair.
   */
  static String pairKey(String source, String reporter, String partner) {
    return Keys.join(source, reporter, partner);
  }

  /**
   * A figure counts in its HS chapter and in the all-products total (a TOTAL figure only there).
   */
  static List<String> hsGroups(TradeRecord r) {
    String chapter = Keys.hsChapter(r.getHsCode());
    return Keys.TOTAL.equals(chapter) ? List.of(Keys.TOTAL) : List.of(chapter, Keys.TOTAL);
  }

  /**
   * Keeps a release and holds it for the next emission, which recomputes the year it concerns, from
   * its month on, for every series of this partition it covers ({@link #covered}).
   */
  private void release(Release r, Header publishedAt) {
    // A release written once per partition of the figures counts here with the copy of this
    // task's partition: it follows every figure written there (ReleaseSequencer), and the figures
    // of this task's series are all there (keyed by their country pair). A single copy reaches
    // every task and counts on arrival.
    if (r.getParts() > 1 && r.getPart() != context.taskId().partition()) {
      LOG.warn(
          "release {} copy {} of {} reached the task of partition {}; it counts only in its own",
          r.getReleaseKey(),
          r.getPart(),
          r.getParts(),
          context.taskId().partition());
      return;
    }
    Release known = releases.get(r.getReleaseKey());
    if (known != null && known.getRevision() > r.getRevision()) {
      // An older revision's copy read again after its successor counted: nothing to redo.
      return;
    }
    releases.put(r.getReleaseKey(), r);
    pendingReleases.put(r.getReleaseKey(), pendingChange(r.getMonth(), publishedAt));
    // Pending again: not forgotten with an earlier copy whose years were forwarded.
    releasesEmitted.remove(r.getReleaseKey());
    releaseCounts.merge(r.getReleaseKey(), 1, Integer::sum);
    awaited.released(r);
  }

  /**
   * The series of this partition a release covers, each with the ledger key of the release's year:
   * its released months become figures (zero where nothing was booked) in every series of its
   * reporter and partners that has figures in that year or in the years comparing with it.
   */
  private Set<String> covered(Release r) {
    Set<String> partners = r.getPartners() == null ? null : Set.copyOf(r.getPartners());
    Set<String> covered = new TreeSet<>();
    for (int year : YEARS_DEPENDING) {
      String prefix =
          Keys.join(r.getSource(), r.getReporter(), r.getYear() + year) + Keys.SEPARATOR;
      try (KeyValueIterator<String, byte[]> it = series.prefixScan(prefix, PREFIX)) {
        it.forEachRemaining(
            kv -> {
              String partnerAndGroup = kv.key.substring(prefix.length());
              String partner =
                  partnerAndGroup.substring(0, partnerAndGroup.indexOf(Keys.SEPARATOR));
              if (partners == null || partners.contains(partner)) {
                covered.add(Keys.join(r.getSource(), r.getReporter(), partnerAndGroup));
              }
            });
      }
    }
    return covered;
  }

  /** The series of the partners of a month whose release is overdue that have figures that year. */
  private Set<String> seriesOf(AwaitedReleases.Overdue month) {
    Set<String> out = new TreeSet<>();
    for (String partner : month.partners()) {
      String prefix =
          Keys.join(month.source(), month.reporter(), month.year(), partner) + Keys.SEPARATOR;
      try (KeyValueIterator<String, byte[]> it = series.prefixScan(prefix, PREFIX)) {
        it.forEachRemaining(
            kv ->
                out.add(
                    SeriesKey.of(
                        month.source(),
                        month.reporter(),
                        partner,
                        kv.key.substring(prefix.length()))));
      }
    }
    return out;
  }

  /**
   * The series whose trade stopped within the window before the release's month: the release may
   * extend their run of released months without trade.
   */
  private Set<String> mayHaveStopped(Release r) {
    Set<String> partners = r.getPartners() == null ? null : Set.copyOf(r.getPartners());
    YearMonth month = YearMonth.of(r.getYear(), r.getMonth());
    YearMonth first = month.minusMonths(stoppedWindow - 1L);
    String from =
        Keys.join(
            r.getSource(),
            r.getReporter(),
            Keys.tradePeriod(first.getYear(), first.getMonthValue()));
    String to =
        Keys.join(r.getSource(), r.getReporter(), Keys.tradePeriod(r.getYear(), r.getMonth()))
            + Keys.SEPARATOR
            + '~';
    Set<String> stopped = new TreeSet<>();
    try (KeyValueIterator<String, byte[]> it = stoppedSince.range(from, to)) {
      while (it.hasNext()) {
        String key = it.next().key;
        // source|reporter|YYYY-MM|series
        String seriesKey = key.substring(from.length() + 1);
        if (partners == null || partners.contains(SeriesKey.parse(seriesKey).partner())) {
          stopped.add(seriesKey);
        }
      }
    }
    return stopped;
  }

  /**
   * The key of a figure's period cell: its pair's total series, its flow and period. The cell holds
   * every HS code the figure's source reported for them, each with its applied revision.
   */
  static String cellKey(TradeRecord r) {
    return Keys.join(
        SeriesKey.of(r.getSource(), r.getReporter(), r.getPartner(), Keys.TOTAL),
        r.getFlow(),
        Keys.tradePeriod(r.getYear(), r.getMonth()));
  }

  /** An HS code's entry in a cell, or null. */
  static HsValue entry(PeriodCell cell, String hsCode) {
    if (cell == null) {
      return null;
    }
    int at = CellSums.indexOf(cell.getEntries(), hsCode);
    return at >= 0 ? cell.getEntries().get(at) : null;
  }

  /**
   * The figure into its period cell, replacing an earlier revision of it ({@link CellRevisions} has
   * judged it the latest), with its first publication kept; it is then the {@link #lastCell}.
   *
   * <p>A cell keeps its entries in ascending HS code order, so that a figure finds its entry by
   * binary search and a group's value is carried from figure to figure ({@link CellSums}): a cell
   * holds every HS code of its pair, flow and period (hundreds at HS6), and is booked once per
   * figure.
   */
  private void bookCell(TradeRecord r) {
    String cellKey = cellKey(r);
    PeriodCell stored = cells.get(cellKey);
    List<HsValue> entries = stored == null ? List.of() : stored.getEntries();
    int at = CellSums.indexOf(entries, r.getHsCode());
    HsValue earlier = at >= 0 ? entries.get(at) : null;
    HsValue booked =
        earlier == null
            ? new HsValue(
                r.getHsCode(), r.getValueUsd(), r.getRevision(), r.getRevision(), r.getValueUsd())
            : new HsValue(
                r.getHsCode(),
                r.getValueUsd(),
                r.getRevision(),
                earlier.getFirstRevision(),
                earlier.getFirstValueUsd());
    List<HsValue> updated = new ArrayList<>(entries.size() + 1);
    if (at >= 0) {
      updated.addAll(entries);
      updated.set(at, booked);
    } else {
      int insertion = -at - 1;
      updated.addAll(entries.subList(0, insertion));
      updated.add(booked);
      updated.addAll(entries.subList(insertion, entries.size()));
    }
    cells.put(cellKey, new PeriodCell(updated));
    lastCell.booked(
        entries,
        updated,
        r.getHsCode(),
        earlier == null ? null : earlier.getValueUsd(),
        r.getValueUsd());
  }

  /**
   * A figure's resolved value for its period into a series' year ledger.
   *
   * @param releaseFollows whether the figure's producer publishes its month's release after it
   */
  private void book(
      String seriesKey,
      TradeRecord r,
      BigDecimal resolved,
      Header publishedAt,
      boolean releaseFollows) {
    Side side = r.getFlow() == Flow.X ? Side.EXPORTS : Side.IMPORTS;
    String ledgerKey = ledgerKey(seriesKey, r.getYear());
    SeriesYearLedger stored = ledgers.get(ledgerKey);
    YearLedger before = LedgerCodec.toDomain(stored, r.getYear());
    YearLedger ledger =
        r.getMonth() == null
            ? before.withAnnual(side, resolved)
            : before.withMonth(side, r.getMonth(), resolved);
    ledgers.put(ledgerKey, LedgerCodec.toStored(ledger, start.stamp()));
    // The index entry is written with the year's first ledger, and again at the first booking of a
    // ledger an earlier start wrote, under at-least-once: a crash can keep the ledger and lose the
    // entry, and releases would then never find the series.
    if (stored == null || start.writtenBefore(stored.getWrittenBy())) {
      SeriesKey key = SeriesKey.parse(seriesKey);
      series.put(
          Keys.join(key.source(), key.reporter(), r.getYear(), key.partner(), key.hsGroup()),
          PRESENT);
    }
    // A series' first monthly figure of a year makes the year's released months before it figures
    // too (zero), whatever order the releases and figures came in: the monthly outputs skip a year
    // without one, so an annual figure booked before it does not count as the first.
    int from = r.getMonth() == null || before.monthsBooked() == 0 ? 1 : r.getMonth();
    // The release recomputes this series from its month on: the change waits for it, unless the
    // month is already released. A change reaching earlier months (a series' first monthly figure
    // of a year) is emitted as usual.
    boolean waits =
        releaseFollows
            && r.getMonth() != null
            && from == r.getMonth()
            && awaited.await(
                r.getSource(),
                r.getReporter(),
                r.getYear(),
                r.getMonth(),
                r.getPartner(),
                context.currentSystemTimeMs());
    if (!waits) {
      markChanged(ledgerKey, from, publishedAt);
    }
  }

  private void markChanged(String ledgerKey, int month, Header publishedAt) {
    changed.mark(ledgerKey, month, headerBytes(publishedAt));
  }

  /** A pending release's value: its first month, then the release's header. */
  private static byte[] pendingChange(int fromMonth, Header publishedAt) {
    return PendingYears.change(fromMonth, headerBytes(publishedAt));
  }

  /** The epoch milliseconds a publish-time header says, or null (none, or not a number). */
  private static Long millis(Header publishedAt) {
    if (publishedAt == null || publishedAt.value() == null) {
      return null;
    }
    try {
      return Long.parseLong(new String(publishedAt.value(), StandardCharsets.UTF_8));
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static byte[] headerBytes(Header header) {
    return header == null ? new byte[0] : header.value();
  }

  /**
   * Forwards every year changed since the last emission, by a figure, by a release or by figures
   * whose release is overdue, each once, and forgets them once a later commit has written what they
   * forwarded ({@link #forgetEmitted}); then sends the series a release may have stopped, and that
   * no changed year judged, to {@link TradeStopped}.
   *
   * <p>The years the pending releases change are taken together, so that the releases of one
   * emission recompute each year once; but a history whose releases come after all its figures
   * makes that millions of years, hours of work that would hold the stream thread past the
   * consumer's poll interval and the transaction timeout. So the releases are expanded into their
   * years, and the years then forwarded, for at most {@code budget} per emission (at least one step
   * of either), the rest carried to the next ({@link ReleaseCarry}), while input goes on being read
   * between emissions; the releases stay pending in their store until all their years are forwarded
   * and written, so a restart starts them again rather than losing them. The years figures changed
   * are forwarded at every emission, as before.
   */
  private void emitChangedYears(long now) {
    emission++;
    if (commitsAtEmission >= 0 && commits.commits() > commitsAtEmission) {
      forgetEmitted();
    }
    commitsAtEmission = commits.commits();
    long deadline = System.nanoTime() + budget.toNanos();
    if (carry == null) {
      carry = startCarry();
    }
    Map<String, byte[]> carriedNow = new HashMap<>();
    if (carry != null) {
      // First every release's years, folded (at least one release per emission), then the years.
      boolean expanded = false;
      while (!carry.expanded() && (!expanded || System.nanoTime() < deadline)) {
        expand(carry);
        expanded = true;
      }
      Iterator<Map.Entry<String, byte[]>> years = carry.years.entrySet().iterator();
      while (carry.expanded()
          && years.hasNext()
          && ((!expanded && carriedNow.isEmpty()) || System.nanoTime() < deadline)) {
        Map.Entry<String, byte[]> year = years.next();
        forward(year);
        carriedNow.put(year.getKey(), year.getValue());
        years.remove();
      }
    }
    // The years figures changed are forwarded at every emission, carry or not: they are bounded by
    // the input read since the last one, and their store must not grow while a carry lasts.
    Map<String, byte[]> due = new TreeMap<>(changed.drain());
    for (AwaitedReleases.Overdue month : awaited.overdue(now)) {
      byte[] change = PendingYears.change(month.month(), null);
      for (String s : seriesOf(month)) {
        due.merge(ledgerKey(s, month.year()), change, TradeLedger::earlier);
      }
    }
    Set<String> judged = new HashSet<>();
    for (Map.Entry<String, byte[]> year : due.entrySet()) {
      byte[] carried = carriedNow.get(year.getKey());
      if (carried == null || carried[0] > year.getValue()[0]) {
        // Not recomputed from that month on by a release in this emission already.
        forward(year);
      }
      judged.add(seriesOf(year.getKey()));
    }
    if (carry != null && carry.expanded() && carry.years.isEmpty()) {
      finishCarry(judged);
      carry = null;
    }
  }

  /**
   * A commit has written what the emissions before it forwarded: the changed years, overdue months
   * and finished releases they emitted leave their stores. Before, a crash that lost those figures
   * finds them again in the stores of the restarted task, which emits them again.
   */
  private void forgetEmitted() {
    changed.forgetEmitted();
    awaited.forgetOverdue();
    releasesEmitted.forEach(
        (key, value) -> {
          // Unless a copy of another revision replaced it meanwhile.
          if (Arrays.equals(pendingReleases.get(key), value)) {
            pendingReleases.delete(key);
            releaseCounts.remove(key);
          }
        });
    releasesEmitted.clear();
  }

  /**
   * The pending releases, to be expanded into the years they change (but those whose years were all
   * forwarded, waiting for a commit to leave the store); null without any.
   */
  private ReleaseCarry startCarry() {
    List<KeyValue<String, byte[]>> released = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = pendingReleases.all()) {
      all.forEachRemaining(
          kv -> {
            if (!Arrays.equals(releasesEmitted.get(kv.key), kv.value)) {
              released.add(kv);
            }
          });
    }
    if (released.isEmpty()) {
      return null;
    }
    Map<String, Integer> counts = new HashMap<>();
    released.forEach(kv -> counts.put(kv.key, releaseCounts.getOrDefault(kv.key, 0)));
    return new ReleaseCarry(released, counts);
  }

  /**
   * Adds the next release's years to the carry, folded with the others', and the series it may have
   * stopped; once the last release is in, keeps only the stopped series no year judges.
   */
  private void expand(ReleaseCarry carry) {
    KeyValue<String, byte[]> pending = carry.releases.get(carry.next++);
    Release r = releases.get(pending.key);
    if (r == null) {
      // Under at-least-once a crash in the middle of a commit can keep the pending entry and lose
      // the release: that commit did not complete, so the release is read and counted again.
      LOG.info("pending release {} is not among the releases; it is awaited again", pending.key);
    } else {
      for (String s : covered(r)) {
        carry.years.merge(ledgerKey(s, r.getYear()), pending.value, TradeLedger::earlier);
        carry.series.add(s);
      }
      if (stoppedWindow > 0) {
        carry.stopped.addAll(mayHaveStopped(r));
      }
    }
    if (carry.expanded()) {
      carry.stopped.removeAll(carry.series);
      carry.series.clear();
    }
  }

  /**
   * Forgets the carried releases once a commit has written their years ({@link #forgetEmitted}) and
   * judges the series they may have stopped that no year judged.
   */
  private void finishCarry(Set<String> judged) {
    for (KeyValue<String, byte[]> pending : carry.releases) {
      // Unless counted again since the carry read it: then it is carried again.
      if (releaseCounts.getOrDefault(pending.key, 0).equals(carry.counts.get(pending.key))) {
        releasesEmitted.put(pending.key, pending.value);
      }
    }
    for (String series : carry.stopped) {
      if (!judged.contains(series)) {
        // The rule reads the series' ledgers, not the year or the timestamp.
        context.forward(
            new Record<>(series, new ChangedYear(0, 1, emission), 0L), TradeStopped.NODE);
      }
    }
  }

  /** Forwards one changed year: a {@code ledgerKey} and its change. */
  private void forward(Map.Entry<String, byte[]> year) {
    String series = seriesOf(year.getKey());
    int changedYear = Integer.parseInt(year.getKey().substring(series.length() + 1));
    byte[] change = year.getValue();
    Headers headers = new RecordHeaders();
    if (change.length > 1) {
      // The input that last changed the year: its publish time, for the latency metrics.
      headers.add(WireHeaders.PUBLISHED_AT, Arrays.copyOfRange(change, 1, change.length));
    }
    context.forward(
        new Record<>(
            series,
            new ChangedYear(
                changedYear,
                change[0],
                emission,
                // After the overdue months are taken out: what still waits is not written now.
                awaited.monthsWaiting(series, changedYear, MonthlyOutputs.YEARS_AFFECTED)),
            SeriesKey.startOf(changedYear, 1),
            headers));
  }

  private static String seriesOf(String ledgerKey) {
    return ledgerKey.substring(0, ledgerKey.lastIndexOf(Keys.SEPARATOR));
  }

  /**
   * Pending releases whose years are being forwarded, across emissions: the releases as read from
   * their store, how many of them are expanded into {@code years}, the years not forwarded yet, and
   * the series the releases may have stopped (once all are expanded: those no year judges).
   */
  private static final class ReleaseCarry {
    final List<KeyValue<String, byte[]>> releases;

    /** How often each release had been counted when the carry read it ({@code releaseCounts}). */
    final Map<String, Integer> counts;

    final SortedMap<String, byte[]> years = new TreeMap<>();
    final Set<String> stopped = new TreeSet<>();
    final Set<String> series = new HashSet<>();
    int next;

    ReleaseCarry(List<KeyValue<String, byte[]>> releases, Map<String, Integer> counts) {
      this.releases = releases;
      this.counts = counts;
    }

    boolean expanded() {
      return next == releases.size();
    }
  }

  /**
   * Two pending changes of one year as one: from the earlier first month, with the header of the
   * second (a release, which completes its figures).
   */
  private static byte[] earlier(byte[] first, byte[] second) {
    if (second[0] <= first[0]) {
      return second;
    }
    byte[] merged = second.clone();
    merged[0] = first[0];
    return merged;
  }
}
