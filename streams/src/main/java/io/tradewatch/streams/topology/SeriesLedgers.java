package io.tradewatch.streams.topology;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.internal.SeriesYearLedger;
import io.tradewatch.schemas.Keys;
import io.tradewatch.streams.domain.YearLedger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final Map<String, SeriesYearLedger> stored = new HashMap<>();
  private final Map<String, List<Coverage>> decoded = new HashMap<>();
  private long emission = -1;

  SeriesLedgers(ProcessingContext context) {
    this.store = context.getStateStore(TradeLedger.LEDGERS);
    this.releases = context.getStateStore(TradeLedger.RELEASES);
  }

  /** Whether anything was booked for a series in a year (cheaper than reading its ledger). */
  boolean booked(String series, int year) {
    return stored(series, year) != null;
  }

  /** The stored ledger of a series' year, read once per changed year; null when none. */
  private SeriesYearLedger stored(String series, int year) {
    String key = TradeLedger.ledgerKey(series, year);
    if (!stored.containsKey(key)) {
      stored.put(key, store.get(key));
    }
    return stored.get(key);
  }

  /** A series' ledger for a year, with its released months; empty when nothing was booked. */
  YearLedger year(String series, int year) {
    return read.computeIfAbsent(Keys.join(series, year), k -> load(series, year));
  }

  private YearLedger load(String series, int year) {
    YearLedger ledger = LedgerCodec.toDomain(stored(series, year), year);
    SeriesKey key = SeriesKey.parse(series);
    int[] masks = releasedMasks(key, year);
    return ledger.withReleased(masks[0], masks[1]);
  }

  /**
   * Starts reading for one changed year. Releases change only between emissions, so their decoded
   * form is kept for the whole emission: decoding every release of a reporter-year (each lists its
   * partners) for every ledger read was most of the output processors' time.
   */
  void startReading(ChangedYear changed) {
    read.clear();
    stored.clear();
    if (changed.emission() != emission) {
      emission = changed.emission();
      decoded.clear();
    }
  }

  /** A release as the ledgers need it: the month's bit, the flows, the partners in scope. */
  private record Coverage(int bit, boolean exports, boolean imports, Set<String> partners) {
    boolean covers(String partner) {
      return partners == null || partners.contains(partner);
    }
  }

  /** Months of a year released for the series' partner, per side (exports, imports). */
  private int[] releasedMasks(SeriesKey key, int year) {
    int[] masks = new int[2];
    String prefix = Keys.join(key.source(), key.reporter(), year) + "-";
    for (Coverage c : decoded.computeIfAbsent(prefix, this::decode)) {
      if (c.covers(key.partner())) {
        masks[0] |= c.exports() ? c.bit() : 0;
        masks[1] |= c.imports() ? c.bit() : 0;
      }
    }
    return masks;
  }

  private List<Coverage> decode(String prefix) {
    List<Coverage> out = new ArrayList<>();
    try (KeyValueIterator<String, Release> it = releases.prefixScan(prefix, PREFIX)) {
      it.forEachRemaining(
          kv -> {
            Release r = kv.value;
            out.add(
                new Coverage(
                    1 << (r.getMonth() - 1),
                    r.getFlows().contains(Flow.X),
                    r.getFlows().contains(Flow.M),
                    r.getPartners() == null ? null : Set.copyOf(r.getPartners())));
          });
    }
    return out;
  }
}
