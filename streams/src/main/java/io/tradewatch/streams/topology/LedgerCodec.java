package io.tradewatch.streams.topology;

import io.tradewatch.avro.internal.SeriesYearLedger;
import io.tradewatch.streams.domain.Side;
import io.tradewatch.streams.domain.YearLedger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Converts the domain's {@link YearLedger} to and from its store representation. */
final class LedgerCodec {
  private LedgerCodec() {}

  static YearLedger toDomain(SeriesYearLedger stored, int year) {
    if (stored == null) {
      return YearLedger.empty(year);
    }
    return YearLedger.of(
        year,
        stored.getExportsMonthly(),
        stored.getExportsMonthMask(),
        stored.getImportsMonthly(),
        stored.getImportsMonthMask(),
        stored.getExportsAnnual(),
        stored.getImportsAnnual());
  }

  /** {@code ledger} as stored by the task start stamped {@code writtenBy} ({@link StartStamp}). */
  static SeriesYearLedger toStored(YearLedger ledger, long writtenBy) {
    return new SeriesYearLedger(
        monthValues(ledger, Side.EXPORTS),
        monthValues(ledger, Side.IMPORTS),
        ledger.monthMask(Side.EXPORTS),
        ledger.monthMask(Side.IMPORTS),
        ledger.annualRecord(Side.EXPORTS),
        ledger.annualRecord(Side.IMPORTS),
        writtenBy);
  }

  private static List<BigDecimal> monthValues(YearLedger ledger, Side side) {
    List<BigDecimal> values = new ArrayList<>(12);
    for (int m = 1; m <= 12; m++) {
      values.add(ledger.booked(side, m));
    }
    return values;
  }
}
