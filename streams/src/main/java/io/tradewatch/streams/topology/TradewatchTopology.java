package io.tradewatch.streams.topology;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.MirrorGap;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.Revision;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TargetProgress;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.avro.internal.LedgerInput;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.RecordChecks;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.domain.alerts.RuleBook;
import io.tradewatch.streams.query.QueryableStores;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;

/**
 * The tradewatch topology. Each input is checked (bad records to the dead-letter topic), reduced to
 * the latest revision of every figure, and aggregated; each output is also a queryable store named
 * after it.
 *
 * <pre>
 * trade-records ─┬─ release sequencer ─┬─ checks ────────────────────┬─ latest revision ─ ledger
 * releases ──────┘ (a release after   └─ checks ─ latest revision ─┤  (a figure's revision is
 *                   its figures)          (a single copy) ─┐        │   kept in its period cell)
 * targets ─────── checks ─ latest revision ────────────────┴─ to the pair, or to every task
 *
 * (trade records are keyed by their country pair: each is read in its pair's task, and so is the
 * copy of a release that follows them)
 * ledger ─┬─ monthly ─ trade-monthly
 *         ├─ annual ──┬─ trade-annual
 *         │           └─ mirror gaps
 *         └─ target tracker ─ progress
 * releases ────── checks ─ latest revision ─ to every partition of the series ledgers (coverage)
 * fdi-records ─── checks ─ latest revision ─ FDI ledger ─ fdi-annual
 * (monthly, annual, target, mirror figures, revisions) ─ alert rules ─ lifecycle ─ alerts
 * (every latest-revision step) ─ revisions;  (every check) ─ dead-letter
 * </pre>
 */
public final class TradewatchTopology {
  /**
   * The number of partitions of the trade records' topic, an application config the instance sets
   * when it finds them at its start: trade records on another partition than their key's are then
   * dead-lettered. Absent, they are not checked.
   */
  public static final String TRADE_PARTITIONS_CONFIG = "tradewatch.trade-records.partitions";

  private final Topics topics;
  private final RecordChecks checks;
  private final BigDecimal cifFobFactor;
  private final RuleBook alertRules;
  private final Duration emitInterval;
  private final Duration releaseBudget;
  private final List<KStream<String, Revision>> revisionRecords = new ArrayList<>();
  private KStream<String, FigureUpdate<TradeMonthly>> monthlyFigures;
  private KStream<String, FigureUpdate<TradeAnnual>> annualFigures;
  private KStream<String, TargetProgress> targetFigures;
  private KStream<String, FigureUpdate<MirrorGap>> mirrorFigures;
  private KStream<String, Alert> tradeStopped;

  private TradewatchTopology(
      Topics topics,
      RecordChecks checks,
      BigDecimal cifFobFactor,
      RuleBook alertRules,
      Duration emitInterval,
      Duration releaseBudget) {
    this.topics = topics;
    this.checks = checks;
    this.cifFobFactor = cifFobFactor;
    this.alertRules = alertRules;
    this.emitInterval = emitInterval;
    this.releaseBudget = releaseBudget;
  }

  /**
   * @param cifFobFactor imports are divided by it before mirror comparisons (1: as reported)
   * @param emitInterval how often (wall clock) trade figures of the series-years changed since the
   *     last time are recomputed and emitted; the commit interval is the natural choice
   */
  public static Topology build(
      Topics topics,
      RecordChecks checks,
      BigDecimal cifFobFactor,
      RuleBook alertRules,
      Duration emitInterval) {
    return build(
        topics, checks, cifFobFactor, alertRules, emitInterval, TradeLedger.RELEASE_BUDGET);
  }

  /**
   * As the public {@code build}, with the longest time an emission forwards the years of pending
   * releases (tests make it short to see the rest carried to later emissions).
   */
  static Topology build(
      Topics topics,
      RecordChecks checks,
      BigDecimal cifFobFactor,
      RuleBook alertRules,
      Duration emitInterval,
      Duration releaseBudget) {
    return new TradewatchTopology(
            topics, checks, cifFobFactor, alertRules, emitInterval, releaseBudget)
        .build();
  }

  private Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(TradeLedger.commitCounter());
    KStream<String, Object> sequenced =
        source(builder, topics.tradeRecords(), "trade")
            .mapValues(v -> (Object) v, Named.as("trade-to-sequence"))
            .merge(
                source(builder, topics.releases(), "release")
                    .mapValues(v -> (Object) v, Named.as("release-to-sequence")),
                Named.as("inputs-to-sequence"))
            .process(
                ReleaseSequencer.supplier(topics.tradeRecords().name(), topics.releases().name()),
                Named.as("release-sequencer"),
                TradeLedger.COMMITS);
    // Trade figures meet the latest-revision rule in their pair's task, on the ledger's cells.
    KStream<String, TradeRecord> trade =
        checked(
            sequenced
                .filter((key, v) -> !(v instanceof Release), Named.as("trade-sequenced"))
                .mapValues(v -> (TradeRecord) v, Named.as("trade-sequenced-figures")),
            topics.tradeRecords(),
            "trade",
            () ->
                new InputChecks<>(
                    checks::check, Keys::tradeMessageKey, topics.tradeRecords().name()));
    KStream<String, TargetDefinition> targets =
        latest(
            source(builder, topics.targets(), "target"),
            topics.targets(),
            "target",
            checks::check,
            Keys::targetMessageKey,
            RevisionIdentity.TARGET);
    KStream<String, FdiRecord> fdi =
        latest(
            source(builder, topics.fdiRecords(), "fdi"),
            topics.fdiRecords(),
            "fdi",
            checks::check,
            Keys::fdiMessageKey,
            RevisionIdentity.FDI);
    KStream<String, Release> releases =
        latest(
            sequenced
                .filter((key, v) -> v instanceof Release, Named.as("release-sequenced"))
                .mapValues(v -> (Release) v, Named.as("release-sequenced-copies")),
            topics.releases(),
            "release",
            checks::check,
            Keys::releaseMessageKey,
            RevisionIdentity.RELEASE);

    tradeFigures(builder, trade, releases, targets);
    fdiFigures(fdi);
    new AlertsTopology(topics, alertRules)
        .wire(
            monthlyFigures,
            annualFigures,
            targetFigures,
            mirrorFigures,
            revisionRecords
                .get(0)
                .merge(revisionRecords.get(1), Named.as("revisions-trade-target"))
                .merge(revisionRecords.get(2), Named.as("revisions-all")),
            releases,
            tradeStopped);
    return builder.build();
  }

  private static <T> KStream<String, T> source(
      StreamsBuilder builder, Topic<String, T> input, String name) {
    return builder.stream(
        input.name(),
        Consumed.with(input.keySerde(), input.valueSerde())
            .withTimestampExtractor(new PeriodTimestampExtractor())
            .withName(name + "-input"));
  }

  /** Input → checks → dead letters → latest revision (→ revisions topic). */
  private <T> KStream<String, T> latest(
      KStream<String, T> raw,
      Topic<String, T> input,
      String name,
      Function<T, Optional<String>> check,
      Function<T, String> messageKey,
      RevisionIdentity<T> identity) {
    KStream<String, T> valid = checked(raw, input, name, check, messageKey);
    KStream<String, Revised<T>> revised =
        DeadLetters.split(
            valid.processValues(
                LatestRevision.supplier(name + "-latest-revisions", identity),
                Named.as(name + "-latest-revision")),
            name + "-stale",
            r -> input.valueSerde().serializer().serialize(input.name(), r.value()),
            topics);
    if (identity.announced()) {
      announce(revised, name);
    }
    return revised.mapValues(Revised::value, Named.as(name + "-applied"));
  }

  /** Input → checks → dead letters. */
  private <T> KStream<String, T> checked(
      KStream<String, T> raw,
      Topic<String, T> input,
      String name,
      Function<T, Optional<String>> check,
      Function<T, String> messageKey) {
    return checked(raw, input, name, () -> new InputChecks<>(check, messageKey));
  }

  private <T> KStream<String, T> checked(
      KStream<String, T> raw,
      Topic<String, T> input,
      String name,
      FixedKeyProcessorSupplier<String, T, Checked<T>> checks) {
    return DeadLetters.split(
        raw.processValues(checks, Named.as(name + "-checks")),
        name + "-invalid",
        value -> input.valueSerde().serializer().serialize(input.name(), value),
        topics);
  }

  /** The revisions among applied records, to the revisions topic and the alert rules. */
  private <T> void announce(KStream<String, Revised<T>> revised, String name) {
    Topic<String, Revision> revisions = topics.revisions();
    KStream<String, Revision> revisionStream =
        revised
            .filter((key, r) -> r.revision() != null, Named.as(name + "-revised"))
            .map(
                (key, r) -> KeyValue.pair(r.revision().getRecordKey(), r.revision()),
                Named.as(name + "-revision-records"));
    revisionRecords.add(revisionStream);
    revisionStream.to(
        revisions.name(),
        Produced.with(revisions.keySerde(), revisions.valueSerde())
            .withName(name + "-revisions-output"));
  }

  /**
   * Monthly and annual exports, imports, turnover and balance per series and HS group, over the
   * months the releases cover, and the progress of every target. Figures are read in their country
   * pair's task (their message key is the pair), and so is the copy of each release that follows
   * them; targets go there too, and a release sent as a single copy goes to every task, since the
   * series of its reporter are spread over all of them.
   */
  private void tradeFigures(
      StreamsBuilder builder,
      KStream<String, TradeRecord> trade,
      KStream<String, Release> releases,
      KStream<String, TargetDefinition> targets) {
    builder.addStateStore(TradeLedger.cellStore());
    builder.addStateStore(TradeLedger.ledgerStore());
    builder.addStateStore(TradeLedger.releaseStore());
    builder.addStateStore(TradeStopped.sinceStore());
    KStream<String, LedgerInput> ledgerInputs =
        latestFigures(inPairTasks(trade, releases, targets));
    KStream<String, ChangedYear> changedYears =
        ledgerInputs.process(
            TradeLedger.supplier(emitInterval, TradeStopped.window(alertRules), releaseBudget),
            Named.as("trade-ledger"),
            TradeLedger.CELLS,
            TradeLedger.LEDGERS,
            TradeLedger.RELEASES,
            TradeStopped.SINCE,
            TradeLedger.COMMITS);
    // After the ledger, which has booked the same input into the cells the tracker reads.
    targetFigures =
        output(
            ledgerInputs.process(
                TargetTracker.supplier(), Named.as("target-tracker"), TradeLedger.CELLS),
            topics.targetProgress(),
            QueryableStores.TARGET);

    monthlyFigures =
        figureTable(
            changedYears.process(
                MonthlyOutputs::new,
                Named.as("trade-monthly-outputs"),
                TradeLedger.LEDGERS,
                TradeLedger.RELEASES),
            topics.tradeMonthly(),
            QueryableStores.MONTHLY);
    tradeStopped =
        changedYears.process(
            TradeStopped.supplier(alertRules),
            Named.as(TradeStopped.NODE),
            TradeLedger.LEDGERS,
            TradeLedger.RELEASES,
            TradeStopped.SINCE,
            TradeLedger.COMMITS);
    annualFigures =
        figureTable(
            changedYears.process(
                AnnualOutputs::new,
                Named.as("trade-annual-outputs"),
                TradeLedger.LEDGERS,
                TradeLedger.RELEASES),
            topics.tradeAnnual(),
            QueryableStores.ANNUAL);
    mirrorGaps(annualFigures);
  }

  /**
   * The ledger's inputs in the task of their country pair. Trade records arrive keyed by their
   * pair, so each is already there: one record per figure, which the ledger books into its HS
   * chapter and the total. A release written once per partition (as the producers do) is read by
   * every task, each copy after the figures of its partition ({@link ReleaseSequencer}): it stays
   * in its task. Targets travel to their pair's task and a single-copy release to every task: few
   * records, through one small repartition.
   */
  private static KStream<String, LedgerInput> inPairTasks(
      KStream<String, TradeRecord> trade,
      KStream<String, Release> releases,
      KStream<String, TargetDefinition> targets) {
    KStream<String, LedgerInput> figures =
        trade.map(
            (key, r) ->
                KeyValue.pair(
                    TradeLedger.pairKey(r.getSource(), r.getReporter(), r.getPartner()),
                    new LedgerInput(r, null, null)),
            Named.as("trade-to-ledgers"));
    Map<String, KStream<String, LedgerInput>> releaseCopies =
        releases
            .mapValues(r -> new LedgerInput(null, r, null), Named.as("release-to-ledgers"))
            .split(Named.as("releases-"))
            .branch((key, in) -> in.getRelease().getParts() > 1, Branched.as("per-partition"))
            .defaultBranch(Branched.as("single-copy"));
    KStream<String, LedgerInput> travelling =
        targets
            .map(
                (key, t) ->
                    KeyValue.pair(
                        TradeLedger.pairKey(t.getSource(), t.getReporter(), t.getPartner()),
                        new LedgerInput(null, null, t)),
                Named.as("targets-to-country-pairs"))
            .merge(releaseCopies.get("releases-single-copy"), Named.as("targets-and-single-copies"))
            .repartition(
                Repartitioned.with(Serdes.STRING, Serdes.LEDGER_INPUT)
                    .withStreamPartitioner(new LedgerPartitioner())
                    .withName("trade-releases-and-targets"));
    return figures
        .merge(releaseCopies.get("releases-per-partition"), Named.as("figures-and-releases"))
        .merge(travelling, Named.as("ledger-inputs"));
  }

  /**
   * The latest-revision rule for trade figures in their pair's task, on the revision the ledger
   * keeps with each figure in its period cell ({@link CellRevisions}); targets and releases pass.
   */
  private KStream<String, LedgerInput> latestFigures(KStream<String, LedgerInput> byPair) {
    Topic<String, TradeRecord> input = topics.tradeRecords();
    KStream<String, Revised<LedgerInput>> revised =
        DeadLetters.split(
            byPair.processValues(
                CellRevisions::new, Named.as("trade-latest-revision"), TradeLedger.CELLS),
            "trade-stale",
            (key, r) ->
                r == null || r.value().getTrade() == null
                    ? key
                    : Keys.tradeMessageKey(r.value().getTrade()),
            r -> input.valueSerde().serializer().serialize(input.name(), r.value().getTrade()),
            topics);
    announce(revised, "trade");
    return revised.mapValues(Revised::value, Named.as("trade-applied"));
  }

  /**
   * Each side's annual figures next to its partner's figures for the same trade, in the task of
   * their country pair, where both sides' figures are computed (no repartition).
   */
  private void mirrorGaps(KStream<String, FigureUpdate<TradeAnnual>> annual) {
    mirrorFigures =
        figureTable(
            annual
                .map(
                    (key, a) -> KeyValue.pair(MirrorGaps.pairKey(a.after()), a.after()),
                    Named.as("annual-to-country-pairs"))
                .process(
                    MirrorGaps.supplier(cifFobFactor),
                    Named.as("mirror-gaps"),
                    QueryableStores.ANNUAL),
            topics.mirrorGaps(),
            QueryableStores.MIRROR);
  }

  /** Annual and cumulative FDI per series. */
  private void fdiFigures(KStream<String, FdiRecord> fdi) {
    output(
        fdi.process(FdiLedger.supplier(), Named.as("fdi-ledger")),
        topics.fdiAnnual(),
        QueryableStores.FDI);
  }

  /**
   * Keeps an output as a queryable table in the task that computes it ({@link FigureTable}: no
   * repartition; {@link io.tradewatch.streams.query.StoreRouting} routes queries), writes its
   * changes to the output topic and returns them with their values before: the alert rules and
   * mirror comparisons read changes, not every recomputation.
   */
  private static <V> KStream<String, FigureUpdate<V>> figureTable(
      KStream<String, V> figures, Topic<String, V> topic, String store) {
    KStream<String, FigureUpdate<V>> updates =
        figures.process(
            FigureTable.supplier(store, topic.keySerde(), topic.valueSerde()),
            Named.as(store + "-table"));
    updates
        .mapValues(FigureUpdate::after, Named.as(store + "-changes"))
        .to(
            topic.name(),
            Produced.with(topic.keySerde(), topic.valueSerde()).withName(store + "-output"));
    return updates;
  }

  /**
   * Materializes an output whose keys do not tell the partition it is computed in (a target's
   * progress is computed with its country pair's figures but keyed by target) as a queryable table
   * partitioned by its own key. Its cache folds the updates of one commit interval into one.
   */
  private static <V> KStream<String, V> output(
      KStream<String, V> figures, Topic<String, V> topic, String store) {
    KStream<String, V> changes =
        figures
            .toTable(
                Named.as(store + "-table"),
                Materialized
                    .<String, V,
                        org.apache.kafka.streams.state.KeyValueStore<
                            org.apache.kafka.common.utils.Bytes, byte[]>>
                        as(store)
                    .withKeySerde(topic.keySerde())
                    .withValueSerde(topic.valueSerde()))
            .toStream(Named.as(store + "-changes"));
    changes.to(
        topic.name(),
        Produced.with(topic.keySerde(), topic.valueSerde()).withName(store + "-output"));
    return changes;
  }
}
