package io.tradewatch.streams.topology;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.avro.internal.HsValue;
import io.tradewatch.avro.internal.PeriodCell;
import io.tradewatch.avro.internal.SeriesYearLedger;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.streams.domain.HsPrecedence;
import io.tradewatch.streams.domain.Side;
import io.tradewatch.streams.domain.YearLedger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Books each applied export or import figure into its series' year ledger and forwards the year
 * that changed.
 *
 * <p>The message key is the series, {@code source|reporter|partner|hsGroup}. Figures of one period
 * are kept per HS code in a cell, so a revision overwrites (retracts) the old value, and the
 * period's value is resolved by {@link HsPrecedence} (a coarser code stands for the finer ones).
 */
final class TradeLedger implements FixedKeyProcessor<String, TradeRecord, Integer> {
  static final String CELLS = "trade-period-cells";
  static final String LEDGERS = "trade-series-years";

  private FixedKeyProcessorContext<String, Integer> context;
  private KeyValueStore<String, PeriodCell> cells;
  private KeyValueStore<String, SeriesYearLedger> ledgers;

  static FixedKeyProcessorSupplier<String, TradeRecord, Integer> supplier() {
    return new FixedKeyProcessorSupplier<>() {
      @Override
      public FixedKeyProcessor<String, TradeRecord, Integer> get() {
        return new TradeLedger();
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CELLS), Serdes.STRING, Serdes.PERIOD_CELL));
      }
    };
  }

  /** The store shared with the output processors, which read the ledgers this one writes. */
  static StoreBuilder<KeyValueStore<String, SeriesYearLedger>> ledgerStore() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(LEDGERS), Serdes.STRING, Serdes.SERIES_YEAR_LEDGER);
  }

  static String ledgerKey(String series, int year) {
    return Keys.join(series, year);
  }

  /** Whether a flow counts as exports or imports in the aggregates (X and M only). */
  static boolean aggregated(TradeRecord r) {
    return r.getFlow() == Flow.X || r.getFlow() == Flow.M;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Integer> context) {
    this.context = context;
    this.cells = context.getStateStore(CELLS);
    this.ledgers = context.getStateStore(LEDGERS);
  }

  @Override
  public void process(FixedKeyRecord<String, TradeRecord> record) {
    TradeRecord r = record.value();
    String series = record.key();
    String cellKey = Keys.join(series, r.getFlow(), Keys.tradePeriod(r.getYear(), r.getMonth()));
    Map<String, BigDecimal> byCode = entries(cells.get(cellKey));
    byCode.put(r.getHsCode(), r.getValueUsd());
    cells.put(cellKey, cell(byCode));

    BigDecimal resolved = HsPrecedence.resolve(byCode);
    Side side = r.getFlow() == Flow.X ? Side.EXPORTS : Side.IMPORTS;
    String ledgerKey = ledgerKey(series, r.getYear());
    YearLedger ledger = LedgerCodec.toDomain(ledgers.get(ledgerKey));
    ledger =
        r.getMonth() == null
            ? ledger.withAnnual(side, resolved)
            : ledger.withMonth(side, r.getMonth(), resolved);
    ledgers.put(ledgerKey, LedgerCodec.toStored(ledger));
    context.forward(record.withValue(r.getYear()));
  }

  private static Map<String, BigDecimal> entries(PeriodCell cell) {
    Map<String, BigDecimal> byCode = new TreeMap<>();
    if (cell != null) {
      cell.getEntries().forEach(e -> byCode.put(e.getHsCode(), e.getValueUsd()));
    }
    return byCode;
  }

  private static PeriodCell cell(Map<String, BigDecimal> byCode) {
    List<HsValue> entries = new ArrayList<>(byCode.size());
    byCode.forEach((code, value) -> entries.add(new HsValue(code, value)));
    return new PeriodCell(entries);
  }
}
