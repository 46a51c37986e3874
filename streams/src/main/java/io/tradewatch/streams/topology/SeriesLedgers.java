package io.tradewatch.streams.topology;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.internal.SeriesYearLedger;
import io.tradewatch.schemas.Keys;
import io.tradewatch.streams.domain.Side;
import io.tradewatch.streams.domain.YearLedger;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Read access to the year ledgers {@link TradeLedger} writes, with the months the releases of their
 * source and reporter cover, for the output processors.
 */
final class SeriesLedgers {
  private static final StringSerializer PREFIX = new StringSerializer();

  private final KeyValueStore<String, SeriesYearLedger> store;
  private final KeyValueStore<String, Release> releases;
  private final Map<String, YearLedger> read = new HashMap<>();

  SeriesLedgers(ProcessingContext context) {
    this.store = context.getStateStore(TradeLedger.LEDGERS);
    this.releases = context.getStateStore(TradeLedger.RELEASES);
  }

  /**
   * Forgets the ledgers read so far: the output processors read the same few years several times
   * for one changed year, and call this before each, so that what they read is current.
   */
  void forget() {
    read.clear();
  }

  /** Whether anything was booked for a series in a year (cheaper than reading its ledger). */
  boolean booked(String series, int year) {
    return store.get(TradeLedger.ledgerKey(series, year)) != null;
  }

  /** A series' ledger for a year, with its released months; empty when nothing was booked. */
  YearLedger year(String series, int year) {
    return read.computeIfAbsent(Keys.join(series, year), k -> load(series, year));
  }

  private YearLedger load(String series, int year) {
    YearLedger ledger = LedgerCodec.toDomain(store.get(TradeLedger.ledgerKey(series, year)), year);
    SeriesKey key = SeriesKey.parse(series);
    int[] masks = releasedMasks(key, year);
    return ledger.withReleased(Side.EXPORTS, masks[0]).withReleased(Side.IMPORTS, masks[1]);
  }

  /** Months of a year released for the series' partner, per side (exports, imports). */
  private int[] releasedMasks(SeriesKey key, int year) {
    int[] masks = new int[2];
    String prefix = Keys.join(key.source(), key.reporter(), year) + "-";
    try (KeyValueIterator<String, Release> it = releases.prefixScan(prefix, PREFIX)) {
      it.forEachRemaining(
          kv -> {
            Release r = kv.value;
            if (r.getPartners() == null || r.getPartners().contains(key.partner())) {
              int bit = 1 << (r.getMonth() - 1);
              if (r.getFlows().contains(Flow.X)) {
                masks[0] |= bit;
              }
              if (r.getFlows().contains(Flow.M)) {
                masks[1] |= bit;
              }
            }
          });
    }
    return masks;
  }
}
