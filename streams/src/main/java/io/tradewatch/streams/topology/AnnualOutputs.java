package io.tradewatch.streams.topology;

import io.tradewatch.avro.AnnualBasis;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.streams.domain.AnnualFigures;
import io.tradewatch.streams.domain.Basis;
import io.tradewatch.streams.domain.SeriesCalendar;
import io.tradewatch.streams.domain.YearLedger;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Recomputes the annual figures a changed year affects: its own, the next year's (YoY) and the one
 * {@link SeriesCalendar#MULTI_YEAR_SPAN} years later (multi-year multiple and CAGR).
 */
final class AnnualOutputs implements Processor<String, ChangedYear, String, TradeAnnual> {
  private ProcessorContext<String, TradeAnnual> context;
  private SeriesLedgers ledgers;

  @Override
  public void init(ProcessorContext<String, TradeAnnual> context) {
    this.context = context;
    this.ledgers = new SeriesLedgers(context);
  }

  @Override
  public void process(Record<String, ChangedYear> record) {
    ledgers.startReading(record.value());
    SeriesKey series = SeriesKey.parse(record.key());
    int changed = record.value().year();
    for (int year : new int[] {changed, changed + 1, changed + SeriesCalendar.MULTI_YEAR_SPAN}) {
      if (!ledgers.booked(record.key(), year)) {
        continue;
      }
      YearLedger current = ledger(record.key(), year);
      if (current.isEmpty()) {
        continue;
      }
      AnnualFigures f =
          SeriesCalendar.annual(
              current,
              ledger(record.key(), year - 1),
              ledger(record.key(), year - SeriesCalendar.MULTI_YEAR_SPAN));
      context.forward(
          new Record<>(
              series.yearKey(year),
              toAvro(series, f),
              SeriesKey.startOf(year, 1),
              record.headers()));
    }
  }

  private YearLedger ledger(String series, int year) {
    return ledgers.year(series, year);
  }

  static AnnualBasis basis(Basis basis) {
    return AnnualBasis.valueOf(basis.name());
  }

  static TradeAnnual toAvro(SeriesKey s, AnnualFigures f) {
    return TradeAnnual.newBuilder()
        .setSource(s.source())
        .setReporter(s.reporter())
        .setPartner(s.partner())
        .setHsGroup(s.hsGroup())
        .setYear(f.year())
        .setExportsUsd(f.exports().value())
        .setImportsUsd(f.imports().value())
        .setTurnoverUsd(f.turnover())
        .setBalanceUsd(f.balance())
        .setExportsBasis(basis(f.exports().basis()))
        .setImportsBasis(basis(f.imports().basis()))
        .setMonthsReported(f.monthsReported())
        .setExportsYoyPct(f.exportsYoyPct())
        .setImportsYoyPct(f.importsYoyPct())
        .setTurnoverYoyPct(f.turnoverYoyPct())
        .setTurnoverMultiple5y(f.turnoverMultiple5y())
        .setTurnoverCagr5yPct(f.turnoverCagr5yPct())
        .setExportsMonthsCovered(f.exports().monthsCovered())
        .setImportsMonthsCovered(f.imports().monthsCovered())
        .setExportsComplete(f.exports().complete())
        .setImportsComplete(f.imports().complete())
        .setNullReasons(f.nullReasons())
        .build();
  }
}
