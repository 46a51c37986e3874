package io.tradewatch.streams.topology;

import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TargetProgress;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.avro.internal.HsValue;
import io.tradewatch.avro.internal.LedgerInput;
import io.tradewatch.avro.internal.PeriodCell;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.streams.domain.AnnualValue;
import io.tradewatch.streams.domain.HsPrecedence;
import io.tradewatch.streams.domain.Side;
import io.tradewatch.streams.domain.TargetMath;
import io.tradewatch.streams.domain.YearLedger;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Progress of each target, per year: the figures of the target's source, reporter, partner and flow
 * whose HS codes are on the target's product list, added up with the same rules as the trade
 * aggregates (latest revision, HS precedence, annual record over monthly sum).
 *
 * <p>It runs in the task of the target's country pair, after {@link TradeLedger} on the same input:
 * targets travel to the task where the pair's figures are read ({@link LedgerPartitioner}), and the
 * figures are read from the period cells of the pair's total series, which the ledger keeps per HS
 * code and flow. So a target costs no copy of the figures and no repartition of its own, and a pair
 * without targets costs one lookup per figure.
 */
final class TargetTracker implements Processor<String, LedgerInput, String, TargetProgress> {
  static final String DEFINITIONS = "target-definitions";
  private static final StringSerializer PREFIX = new StringSerializer();

  private ProcessorContext<String, TargetProgress> context;
  private KeyValueStore<String, TargetDefinition> definitions;
  private KeyValueStore<String, PeriodCell> cells;

  /**
   * The definitions by pair, as the store holds them: every trade input asks for its pair's
   * targets, and most pairs have none; a few hundred definitions fit in memory.
   */
  private final Map<String, Map<String, TargetDefinition>> byPair = new HashMap<>();

  /** Reads the period cells of {@link TradeLedger#CELLS}, which must be connected to it. */
  static ProcessorSupplier<String, LedgerInput, String, TargetProgress> supplier() {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, LedgerInput, String, TargetProgress> get() {
        return new TargetTracker();
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(DEFINITIONS),
                    Serdes.STRING,
                    Serdes.TARGET_DEFINITION)
                .withCachingEnabled());
      }
    };
  }

  @Override
  public void init(ProcessorContext<String, TargetProgress> context) {
    this.context = context;
    this.definitions = context.getStateStore(DEFINITIONS);
    this.cells = context.getStateStore(TradeLedger.CELLS);
    // Processors start once their stores are restored; a task revived after corruption starts
    // this one again, with its state restored from the changelog.
    byPair.clear();
    try (KeyValueIterator<String, TargetDefinition> all = definitions.all()) {
      all.forEachRemaining(kv -> remember(kv.value));
    }
  }

  private void remember(TargetDefinition target) {
    String pair =
        TradeLedger.pairKey(target.getSource(), target.getReporter(), target.getPartner());
    byPair.computeIfAbsent(pair, p -> new TreeMap<>()).put(target.getTargetId(), target);
  }

  @Override
  public void process(Record<String, LedgerInput> record) {
    String pair = record.key();
    LedgerInput input = record.value();
    if (input.getTrade() != null) {
      TradeRecord trade = input.getTrade();
      for (TargetDefinition target : targets(pair)) {
        if (target.getFlow() != trade.getFlow()) {
          continue;
        }
        if (counts(target, trade) && trade.getYear() == target.getBaseYear()) {
          // The schedule line starts from the base year's figure: every year moves with it.
          years(pair, target).forEach(year -> emit(pair, target, year));
        } else {
          // Also for a figure outside the target's products: a target defined after the trade
          // reports every year with figures of its flow, so one defined before must as well.
          emit(pair, target, trade.getYear());
        }
      }
    } else if (input.getTarget() != null) {
      TargetDefinition target = input.getTarget();
      definitions.put(Keys.join(pair, target.getTargetId()), target);
      remember(target);
      years(pair, target).forEach(year -> emit(pair, target, year));
    }
  }

  private static boolean counts(TargetDefinition target, TradeRecord trade) {
    return target.getFlow() == trade.getFlow()
        && HsPrecedence.inScope(trade.getHsCode(), target.getHsCodes());
  }

  private Collection<TargetDefinition> targets(String pair) {
    Map<String, TargetDefinition> targets = byPair.get(pair);
    return targets == null ? List.of() : targets.values();
  }

  /**
   * The cells of the pair's total series in the target's flow, from {@code period} on (a year, or
   * nothing for all): the total books every figure of the pair, whatever its HS code.
   */
  private KeyValueIterator<String, PeriodCell> cells(
      String pair, TargetDefinition target, String period) {
    String prefix = Keys.join(pair, Keys.TOTAL, target.getFlow()) + Keys.SEPARATOR;
    return cells.prefixScan(prefix + period, PREFIX);
  }

  /** Years with figures of the target's flow. */
  private SortedSet<Integer> years(String pair, TargetDefinition target) {
    SortedSet<Integer> years = new TreeSet<>();
    try (KeyValueIterator<String, PeriodCell> it = cells(pair, target, "")) {
      it.forEachRemaining(kv -> years.add(Cell.of(kv.key).year()));
    }
    return years;
  }

  /** One period cell's key, read back: its year and its month (null for an annual figure). */
  private record Cell(int year, Integer month) {
    static Cell of(String key) {
      String period = key.substring(key.lastIndexOf(Keys.SEPARATOR) + 1);
      int dash = period.indexOf('-');
      return dash < 0
          ? new Cell(Integer.parseInt(period), null)
          : new Cell(
              Integer.parseInt(period.substring(0, dash)),
              Integer.parseInt(period.substring(dash + 1)));
    }
  }

  /**
   * The target's flow and products in one year, under the annual-versus-monthly rule, with the
   * number of months that have figures of its products.
   */
  private Achieved achieved(String pair, TargetDefinition target, int year) {
    YearLedger ledger = YearLedger.empty(year);
    int monthsReported = 0;
    try (KeyValueIterator<String, PeriodCell> it =
        cells(pair, target, Keys.tradePeriod(year, null))) {
      while (it.hasNext()) {
        KeyValue<String, PeriodCell> kv = it.next();
        Cell cell = Cell.of(kv.key);
        if (cell.year() != year) {
          continue;
        }
        Map<String, BigDecimal> inScope = new TreeMap<>();
        for (HsValue e : kv.value.getEntries()) {
          if (HsPrecedence.inScope(e.getHsCode(), target.getHsCodes())) {
            inScope.put(e.getHsCode(), e.getValueUsd());
          }
        }
        if (inScope.isEmpty()) {
          continue;
        }
        BigDecimal value = HsPrecedence.resolve(inScope);
        if (cell.month() == null) {
          ledger = ledger.withAnnual(Side.EXPORTS, value);
        } else {
          ledger = ledger.withMonth(Side.EXPORTS, cell.month(), value);
          monthsReported++;
        }
      }
    }
    // Targets follow the figures that have arrived: a month counts once a figure of it is in.
    return new Achieved(ledger.releasedWhereBooked().annual(Side.EXPORTS), monthsReported);
  }

  private record Achieved(AnnualValue annual, int monthsReported) {}

  private void emit(String pair, TargetDefinition target, int year) {
    Achieved measured = achieved(pair, target, year);
    AnnualValue achieved = measured.annual();
    BigDecimal base =
        year == target.getBaseYear()
            ? achieved.value()
            : achieved(pair, target, target.getBaseYear()).annual().value();
    TargetProgress progress =
        TargetProgress.newBuilder()
            .setTargetId(target.getTargetId())
            .setName(target.getName())
            .setSource(target.getSource())
            .setReporter(target.getReporter())
            .setPartner(target.getPartner())
            .setYear(year)
            .setAchievedUsd(achieved.value())
            .setTargetUsd(target.getTargetUsd())
            .setProgressPct(TargetMath.progressPct(achieved.value(), target.getTargetUsd()))
            .setMonthsReported(measured.monthsReported())
            .setBasis(AnnualOutputs.basis(achieved.basis()))
            .setScheduleUsd(
                TargetMath.schedule(
                    base,
                    target.getTargetUsd(),
                    target.getBaseYear(),
                    target.getDeadlineYear(),
                    year))
            .setRequiredGrowthPct(
                TargetMath.requiredGrowthPct(
                    achieved.value(), target.getTargetUsd(), target.getDeadlineYear(), year))
            .build();
    context.forward(
        new Record<>(
            Keys.join(target.getTargetId(), year), progress, SeriesKey.startOf(year, 1), null));
  }
}
