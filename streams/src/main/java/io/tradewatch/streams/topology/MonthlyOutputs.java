package io.tradewatch.streams.topology;

import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.streams.domain.MonthFigures;
import io.tradewatch.streams.domain.SeriesCalendar;
import io.tradewatch.streams.domain.YearLedger;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Recomputes the monthly figures a changed year affects: its own months from the first changed one
 * on (their YTD and trailing 12 months include it; earlier months do not) and those of the next two
 * years (their YoY and trailing-12-month YoY compare with it). A year of the series with figures
 * produces a record for each month that has figures or is released (a released month without
 * figures is zero; a month with figures but no release has null values saying so), except a month
 * whose figures wait for their announced release: the release's emission writes it, released.
 */
final class MonthlyOutputs implements Processor<String, ChangedYear, String, TradeMonthly> {
  /** The years a changed year's months affect: itself and the next two. */
  static final int YEARS_AFFECTED = 3;

  private ProcessorContext<String, TradeMonthly> context;
  private SeriesLedgers ledgers;

  @Override
  public void init(ProcessorContext<String, TradeMonthly> context) {
    this.context = context;
    this.ledgers = new SeriesLedgers(context);
  }

  @Override
  public void process(Record<String, ChangedYear> record) {
    ledgers.startReading(record.value());
    SeriesKey series = SeriesKey.parse(record.key());
    int changed = record.value().year();
    for (int year = changed; year < changed + YEARS_AFFECTED; year++) {
      if (!ledgers.booked(record.key(), year)) {
        continue;
      }
      YearLedger current = ledger(record.key(), year);
      if (current.monthsBooked() == 0) {
        continue;
      }
      YearLedger before = ledger(record.key(), year - 1);
      YearLedger twoBefore = ledger(record.key(), year - 2);
      int from = year == changed ? record.value().fromMonth() : 1;
      for (int month = from; month <= 12; month++) {
        if (current.known(month) && !record.value().awaits(year, month)) {
          MonthFigures f = SeriesCalendar.month(month, twoBefore, before, current);
          context.forward(
              new Record<>(
                  series.monthKey(year, month),
                  toAvro(series, f),
                  SeriesKey.startOf(year, month),
                  record.headers()));
        }
      }
    }
  }

  private YearLedger ledger(String series, int year) {
    return ledgers.year(series, year);
  }

  static TradeMonthly toAvro(SeriesKey s, MonthFigures f) {
    return TradeMonthly.newBuilder()
        .setSource(s.source())
        .setReporter(s.reporter())
        .setPartner(s.partner())
        .setHsGroup(s.hsGroup())
        .setYear(f.year())
        .setMonth(f.month())
        .setExportsUsd(f.exports())
        .setImportsUsd(f.imports())
        .setTurnoverUsd(f.turnover())
        .setBalanceUsd(f.balance())
        .setYtdExportsUsd(f.ytdExports())
        .setYtdImportsUsd(f.ytdImports())
        .setYtdTurnoverUsd(f.ytdTurnover())
        .setT12mExportsUsd(f.t12mExports())
        .setT12mImportsUsd(f.t12mImports())
        .setT12mTurnoverUsd(f.t12mTurnover())
        .setExportsYoyPct(f.exportsYoyPct())
        .setImportsYoyPct(f.importsYoyPct())
        .setTurnoverYoyPct(f.turnoverYoyPct())
        .setYtdExportsYoyPct(f.ytdExportsYoyPct())
        .setYtdImportsYoyPct(f.ytdImportsYoyPct())
        .setYtdTurnoverYoyPct(f.ytdTurnoverYoyPct())
        .setT12mTurnoverYoyPct(f.t12mTurnoverYoyPct())
        .setExportsMonthsCovered(f.exportsMonthsCovered())
        .setImportsMonthsCovered(f.importsMonthsCovered())
        .setNullReasons(f.nullReasons())
        .build();
  }
}
