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
import io.tradewatch.streams.domain.alerts.AlertRule.RuleType;
import io.tradewatch.streams.domain.alerts.Condition;
import io.tradewatch.streams.domain.alerts.Condition.Subject;
import io.tradewatch.streams.domain.alerts.RuleBook;
import io.tradewatch.streams.domain.alerts.Rules;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Set;
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
 * The trade-stopped rule: a series whose source keeps releasing months for its pair, none of which
 * holds a figure since its last trade. Judged where the series' ledgers and the releases are, each
 * time a year of the series changes (a figure or a release): the months without trade are counted
 * from the month after its last traded one through the released months that follow without a gap.
 *
 * <p>Unlike {@link SourceSilence} this needs no global clock: a series' own figures and its
 * source's releases decide, so any arrival order gives the same final alerts.
 */
final class TradeStopped implements Processor<String, ChangedYear, String, Alert> {
  static final String JUDGED = "trade-stopped-judged";
  private static final StringSerializer PREFIX = new StringSerializer();

  private final RuleBook rules;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, SeriesYearLedger> ledgers;
  private KeyValueStore<String, Release> releases;
  private KeyValueStore<String, byte[]> judged;

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
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(JUDGED), Serdes.STRING, Serdes.BYTES)
                .withCachingEnabled());
      }
    };
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.ledgers = context.getStateStore(TradeLedger.LEDGERS);
    this.releases = context.getStateStore(TradeLedger.RELEASES);
    this.judged = context.getStateStore(JUDGED);
  }

  @Override
  public void process(Record<String, ChangedYear> record) {
    SeriesKey series = SeriesKey.parse(record.key());
    Subject subject =
        new Subject(series.source(), series.reporter(), series.partner(), series.hsGroup());
    for (AlertRule rule : rules.ofType(RuleType.TRADE_STOPPED)) {
      if (!rule.watches(series.hsGroup())) {
        continue;
      }
      String judgedKey = Keys.join(rule.name(), record.key());
      byte[] before = judged.get(judgedKey);
      YearMonth lastTraded = lastTraded(record.key());
      if (lastTraded == null) {
        continue;
      }
      YearMonth firstWithout = lastTraded.plusMonths(1);
      YearMonth lastReleased = lastReleasedInARow(series, firstWithout);
      if (before != null) {
        YearMonth previous = YearMonth.parse(new String(before, StandardCharsets.UTF_8));
        if (!previous.equals(firstWithout)) {
          // Trade resumed (or an earlier stop was filled in): the alert about it ends.
          forward(record, Rules.tradeStopped(rule, subject, previous, previous.minusMonths(1)));
        }
      }
      forward(record, Rules.tradeStopped(rule, subject, firstWithout, lastReleased));
      judged.put(judgedKey, firstWithout.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private void forward(Record<String, ChangedYear> record, Condition c) {
    context.forward(
        new Record<>(
            record.key(), AlertCandidates.toAlert(c), record.timestamp(), record.headers()));
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
   * The last of the months from {@code from} on that are released for both flows of the pair
   * without a gap; the month before {@code from} when {@code from} itself is not released. Release
   * keys sort by month, so the scan starts at {@code from} and stops at the first gap.
   */
  private YearMonth lastReleasedInARow(SeriesKey series, YearMonth from) {
    String reporter = Keys.join(series.source(), series.reporter());
    YearMonth last = from.minusMonths(1);
    YearMonth month = null;
    boolean exports = false;
    boolean imports = false;
    try (KeyValueIterator<String, Release> releasesFrom =
        releases.range(
            Keys.join(reporter, Keys.tradePeriod(from.getYear(), from.getMonthValue())),
            reporter + Keys.SEPARATOR + '~')) {
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
