package io.tradewatch.streams.topology;

import io.tradewatch.avro.FdiAnnual;
import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.internal.FdiPeriodValue;
import io.tradewatch.avro.internal.FdiSeriesState;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.streams.domain.FdiYears;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Keeps the latest value of every period of an FDI series ({@code
 * source|reporter|counterpart|direction|measure}) and emits the annual figures from the changed
 * year on, since the cumulative sum of every later year moves with it.
 */
final class FdiLedger implements Processor<String, FdiRecord, String, FdiAnnual> {
  static final String SERIES = "fdi-series";

  private ProcessorContext<String, FdiAnnual> context;
  private KeyValueStore<String, FdiSeriesState> series;

  static ProcessorSupplier<String, FdiRecord, String, FdiAnnual> supplier() {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, FdiRecord, String, FdiAnnual> get() {
        return new FdiLedger();
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(SERIES), Serdes.STRING, Serdes.FDI_SERIES_STATE)
                .withCachingEnabled());
      }
    };
  }

  @Override
  public void init(ProcessorContext<String, FdiAnnual> context) {
    this.context = context;
    this.series = context.getStateStore(SERIES);
  }

  @Override
  public void process(Record<String, FdiRecord> record) {
    FdiRecord r = record.value();
    FdiSeriesState state = series.get(record.key());
    List<FdiPeriodValue> entries = new ArrayList<>(state == null ? List.of() : state.getEntries());
    entries.removeIf(
        e -> e.getYear() == r.getYear() && Objects.equals(e.getQuarter(), r.getQuarter()));
    entries.add(new FdiPeriodValue(r.getYear(), r.getQuarter(), r.getValueUsd()));
    entries.sort(
        java.util.Comparator.comparing(FdiPeriodValue::getYear)
            .thenComparing(e -> e.getQuarter() == null ? 0 : e.getQuarter()));
    series.put(record.key(), new FdiSeriesState(entries));

    List<FdiYears.Entry> domain =
        entries.stream()
            .map(e -> new FdiYears.Entry(e.getYear(), e.getQuarter(), e.getValueUsd()))
            .toList();
    for (FdiYears.Year y : FdiYears.years(domain)) {
      if (y.year() >= r.getYear()) {
        context.forward(
            new Record<>(
                Keys.join(record.key(), y.year()),
                toAvro(r, y),
                SeriesKey.startOf(y.year(), 1),
                record.headers()));
      }
    }
  }

  private static FdiAnnual toAvro(FdiRecord r, FdiYears.Year y) {
    return FdiAnnual.newBuilder()
        .setSource(r.getSource())
        .setReporter(r.getReporter())
        .setCounterpart(r.getCounterpart())
        .setDirection(r.getDirection())
        .setMeasure(r.getMeasure())
        .setYear(y.year())
        .setValueUsd(y.value())
        .setBasis(AnnualOutputs.basis(y.basis()))
        .setFirstYear(y.firstYear())
        .setCumulativeUsd(y.cumulative())
        .setYoyPct(y.yoyPct())
        .build();
  }
}
