package io.tradewatch.streams.topology;

import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TargetProgress;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.avro.internal.TargetInput;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.streams.domain.AnnualValue;
import io.tradewatch.streams.domain.HsPrecedence;
import io.tradewatch.streams.domain.Side;
import io.tradewatch.streams.domain.TargetMath;
import io.tradewatch.streams.domain.YearLedger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
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

/**
 * Progress of each target, per year: the figures of the target's source, reporter, partner and flow
 * whose HS codes are on the target's product list, added up with the same rules as the trade
 * aggregates (latest revision, HS precedence, annual record over monthly sum).
 *
 * <p>Keyed by {@code source|reporter|partner}, so a target and every figure it counts meet in one
 * task whichever arrives first.
 */
final class TargetTracker implements Processor<String, TargetInput, String, TargetProgress> {
  static final String DEFINITIONS = "target-definitions";
  static final String FIGURES = "target-trade-figures";
  private static final String ANNUAL = "A";
  private static final StringSerializer PREFIX = new StringSerializer();

  private ProcessorContext<String, TargetProgress> context;
  private KeyValueStore<String, TargetDefinition> definitions;
  private KeyValueStore<String, TradeRecord> figures;

  static ProcessorSupplier<String, TargetInput, String, TargetProgress> supplier() {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, TargetInput, String, TargetProgress> get() {
        return new TargetTracker();
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(DEFINITIONS),
                    Serdes.STRING,
                    Serdes.TARGET_DEFINITION)
                .withCachingEnabled(),
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(FIGURES), Serdes.STRING, Serdes.TRADE_RECORD)
                .withCachingEnabled());
      }
    };
  }

  static String pairKey(String source, String reporter, String partner) {
    return Keys.join(source, reporter, partner);
  }

  @Override
  public void init(ProcessorContext<String, TargetProgress> context) {
    this.context = context;
    this.definitions = context.getStateStore(DEFINITIONS);
    this.figures = context.getStateStore(FIGURES);
  }

  @Override
  public void process(Record<String, TargetInput> record) {
    String pair = record.key();
    TargetInput input = record.value();
    if (input.getTrade() != null) {
      TradeRecord trade = input.getTrade();
      figures.put(figureKey(pair, trade), trade);
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
      years(pair, target).forEach(year -> emit(pair, target, year));
    }
  }

  private static boolean counts(TargetDefinition target, TradeRecord trade) {
    return target.getFlow() == trade.getFlow()
        && HsPrecedence.inScope(trade.getHsCode(), target.getHsCodes());
  }

  private static String figureKey(String pair, TradeRecord r) {
    return Keys.join(pair, r.getFlow(), yearPrefix(r.getYear()), period(r), r.getHsCode());
  }

  private static String yearPrefix(int year) {
    return String.format("%04d", year);
  }

  private static String period(TradeRecord r) {
    return r.getMonth() == null ? ANNUAL : String.format("%02d", r.getMonth());
  }

  private List<TargetDefinition> targets(String pair) {
    List<TargetDefinition> out = new ArrayList<>();
    try (KeyValueIterator<String, TargetDefinition> it =
        definitions.prefixScan(pair + Keys.SEPARATOR, PREFIX)) {
      it.forEachRemaining(kv -> out.add(kv.value));
    }
    return out;
  }

  /** Years with figures of the target's flow. */
  private SortedSet<Integer> years(String pair, TargetDefinition target) {
    SortedSet<Integer> years = new TreeSet<>();
    try (KeyValueIterator<String, TradeRecord> it =
        figures.prefixScan(Keys.join(pair, target.getFlow()) + Keys.SEPARATOR, PREFIX)) {
      it.forEachRemaining(kv -> years.add(kv.value.getYear()));
    }
    return years;
  }

  /** The target's flow and products in one year, under the annual-versus-monthly rule. */
  private AnnualValue achieved(String pair, TargetDefinition target, int year) {
    Map<String, Map<String, BigDecimal>> byPeriod = new TreeMap<>();
    String prefix = Keys.join(pair, target.getFlow(), yearPrefix(year)) + Keys.SEPARATOR;
    try (KeyValueIterator<String, TradeRecord> it = figures.prefixScan(prefix, PREFIX)) {
      it.forEachRemaining(
          kv -> {
            TradeRecord r = kv.value;
            if (HsPrecedence.inScope(r.getHsCode(), target.getHsCodes())) {
              byPeriod
                  .computeIfAbsent(period(r), p -> new TreeMap<>())
                  .put(r.getHsCode(), r.getValueUsd());
            }
          });
    }
    YearLedger ledger = YearLedger.empty(year);
    for (Map.Entry<String, Map<String, BigDecimal>> period : byPeriod.entrySet()) {
      BigDecimal value = HsPrecedence.resolve(period.getValue());
      ledger =
          ANNUAL.equals(period.getKey())
              ? ledger.withAnnual(Side.EXPORTS, value)
              : ledger.withMonth(Side.EXPORTS, Integer.parseInt(period.getKey()), value);
    }
    // Targets follow the figures that have arrived: a month counts once a figure of it is in.
    return ledger.releasedWhereBooked().annual(Side.EXPORTS);
  }

  private int monthsReported(String pair, TargetDefinition target, int year) {
    Set<String> months = new TreeSet<>();
    String prefix = Keys.join(pair, target.getFlow(), yearPrefix(year)) + Keys.SEPARATOR;
    try (KeyValueIterator<String, TradeRecord> it = figures.prefixScan(prefix, PREFIX)) {
      it.forEachRemaining(
          kv -> {
            if (kv.value.getMonth() != null
                && HsPrecedence.inScope(kv.value.getHsCode(), target.getHsCodes())) {
              months.add(period(kv.value));
            }
          });
    }
    return months.size();
  }

  private void emit(String pair, TargetDefinition target, int year) {
    AnnualValue achieved = achieved(pair, target, year);
    BigDecimal base =
        year == target.getBaseYear()
            ? achieved.value()
            : achieved(pair, target, target.getBaseYear()).value();
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
            .setMonthsReported(monthsReported(pair, target, year))
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
