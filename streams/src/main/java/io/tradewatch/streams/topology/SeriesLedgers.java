package io.tradewatch.streams.topology;

import io.tradewatch.avro.internal.SeriesYearLedger;
import io.tradewatch.streams.domain.YearLedger;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** Read access to the year ledgers {@link TradeLedger} writes, for the output processors. */
final class SeriesLedgers {
  private final KeyValueStore<String, SeriesYearLedger> store;

  SeriesLedgers(ProcessingContext context) {
    this.store = context.getStateStore(TradeLedger.LEDGERS);
  }

  /** A series' ledger for a year; empty when nothing was reported. */
  YearLedger year(String series, int year) {
    return LedgerCodec.toDomain(store.get(TradeLedger.ledgerKey(series, year)));
  }
}
