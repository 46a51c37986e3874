package io.tradewatch.streams.topology;

import io.tradewatch.avro.AnnualBasis;
import io.tradewatch.avro.MirrorGap;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.streams.domain.MirrorMath;
import io.tradewatch.streams.query.QueryableStores;
import io.tradewatch.streams.query.StoreRouting;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
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
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Puts each country's annual figures next to its partner's figures for the same trade: A's exports
 * to B beside B's imports from A, and the reverse, for every pair of sources that report the two
 * sides. Runs in the task of the country pair, after the annual table ({@link FigureTable}), from
 * which it reads the other side's figures; it keeps only an index of the sources that report each
 * side, written when a side first appears.
 */
final class MirrorGaps implements Processor<String, TradeAnnual, String, MirrorGap> {
  /** Keyed {@code pair|reporter|source} (pair: {@link #pairKey}), valued empty. */
  static final String SIDES = "mirror-sides";

  private static final byte[] PRESENT = new byte[0];
  private static final StringSerializer PREFIX = new StringSerializer();

  private final BigDecimal cifFobFactor;
  private ProcessorContext<String, MirrorGap> context;
  private KeyValueStore<String, byte[]> sides;
  private TimestampedKeyValueStore<String, TradeAnnual> annual;

  private MirrorGaps(BigDecimal cifFobFactor) {
    this.cifFobFactor = cifFobFactor;
  }

  /** Reads the annual table ({@link QueryableStores#ANNUAL}), which must be connected to it. */
  static ProcessorSupplier<String, TradeAnnual, String, MirrorGap> supplier(BigDecimal factor) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, TradeAnnual, String, MirrorGap> get() {
        return new MirrorGaps(factor);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(SIDES), Serdes.STRING, Serdes.BYTES)
                .withCachingEnabled());
      }
    };
  }

  /** The unordered pair, HS group and year both sides of a flow share. */
  static String pairKey(TradeAnnual a) {
    return StoreRouting.mirrorPairKey(a.getReporter(), a.getPartner(), a.getHsGroup(), a.getYear());
  }

  @Override
  public void init(ProcessorContext<String, MirrorGap> context) {
    this.context = context;
    this.sides = context.getStateStore(SIDES);
    this.annual = context.getStateStore(QueryableStores.ANNUAL);
  }

  @Override
  public void process(Record<String, TradeAnnual> record) {
    TradeAnnual side = record.value();
    String pair = record.key();
    String sideKey = Keys.join(pair, side.getReporter(), side.getSource());
    if (sides.get(sideKey) == null) {
      sides.put(sideKey, PRESENT);
    }
    for (TradeAnnual other : sidesOf(pair, side)) {
      emit(side, other, record.timestamp());
      emit(other, side, record.timestamp());
    }
  }

  /** The partner's figures of the same trade, as each source that reports them has them. */
  private List<TradeAnnual> sidesOf(String pair, TradeAnnual side) {
    String prefix = Keys.join(pair, side.getPartner()) + Keys.SEPARATOR;
    List<TradeAnnual> out = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = sides.prefixScan(prefix, PREFIX)) {
      while (it.hasNext()) {
        String source = it.next().key.substring(prefix.length());
        TradeAnnual other =
            ValueAndTimestamp.getValueOrNull(
                annual.get(
                    Keys.join(
                        source,
                        side.getPartner(),
                        side.getReporter(),
                        side.getHsGroup(),
                        side.getYear())));
        if (other != null) {
          out.add(other);
        }
      }
    }
    return out;
  }

  /** The flow from {@code exporter}'s country to {@code importer}'s, as each reports it. */
  private void emit(TradeAnnual exporter, TradeAnnual importer, long timestamp) {
    BigDecimal exports = exporter.getExportsUsd();
    BigDecimal importsFob = MirrorMath.importsFob(importer.getImportsUsd(), cifFobFactor);
    MirrorGap gap =
        MirrorGap.newBuilder()
            .setExporterSource(exporter.getSource())
            .setExporter(exporter.getReporter())
            .setImporterSource(importer.getSource())
            .setImporter(importer.getReporter())
            .setHsGroup(exporter.getHsGroup())
            .setYear(exporter.getYear())
            .setExportsUsd(exports)
            .setImportsUsd(importer.getImportsUsd())
            .setCifFobFactor(cifFobFactor.setScale(4))
            .setImportsFobUsd(importsFob)
            .setGapUsd(MirrorMath.gap(exports, importsFob))
            .setGapPct(MirrorMath.gapPct(exports, importsFob))
            .setExporterMonths(
                months(exporter.getExportsBasis(), exporter.getExportsMonthsCovered()))
            .setImporterMonths(
                months(importer.getImportsBasis(), importer.getImportsMonthsCovered()))
            .setComplete(exporter.getExportsComplete() && importer.getImportsComplete())
            .build();
    context.forward(
        new Record<>(
            Keys.join(
                gap.getExporterSource(),
                gap.getExporter(),
                gap.getImporterSource(),
                gap.getImporter(),
                gap.getHsGroup(),
                gap.getYear()),
            gap,
            timestamp));
  }

  /** Months the side's figure covers: an annual record covers the year. */
  private static int months(AnnualBasis basis, int released) {
    return basis == AnnualBasis.ANNUAL_RECORD ? 12 : released;
  }
}
