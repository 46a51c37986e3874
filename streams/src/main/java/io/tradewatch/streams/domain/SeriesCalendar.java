package io.tradewatch.streams.domain;

import java.math.BigDecimal;

/**
 * Calendar arithmetic over a series' year ledgers: monthly, year-to-date and trailing-12-month
 * figures and their year-over-year growth. Periods are calendar months and years, never
 * fixed-length windows: YoY compares the same calendar month, YTD the same months of the previous
 * year.
 *
 * <p>Missing ledgers are passed as {@link YearLedger#empty()}.
 */
public final class SeriesCalendar {
  /** Years over which the multi-year multiple and CAGR are measured. */
  public static final int MULTI_YEAR_SPAN = 5;

  private SeriesCalendar() {}

  /**
   * Figures of {@code month} in {@code year}, given the ledgers of that year and the two before
   * (the one before that is needed for the trailing-12-month YoY).
   */
  public static MonthFigures month(
      int year, int month, YearLedger twoBefore, YearLedger before, YearLedger current) {
    BigDecimal exports = current.month(Side.EXPORTS, month);
    BigDecimal imports = current.month(Side.IMPORTS, month);
    BigDecimal ytdX = current.ytd(Side.EXPORTS, month);
    BigDecimal ytdM = current.ytd(Side.IMPORTS, month);

    BigDecimal t12mX = trailing12(Side.EXPORTS, month, before, current);
    BigDecimal t12mM = trailing12(Side.IMPORTS, month, before, current);
    BigDecimal prevT12mX = trailing12(Side.EXPORTS, month, twoBefore, before);
    BigDecimal prevT12mM = trailing12(Side.IMPORTS, month, twoBefore, before);

    boolean sameMonthReported = before.reported(month);
    // The base must cover January: months before the series' first record are unknown, not zero,
    // so Jan-May cannot be compared with a previous year whose records start in March.
    int firstBefore = before.firstMonthReported();
    boolean ytdComparable =
        firstBefore != 0
            && firstBefore <= month
            && (firstBefore == 1 || twoBefore.firstMonthReported() != 0);

    BigDecimal baseX = sameMonthReported ? before.month(Side.EXPORTS, month) : null;
    BigDecimal baseM = sameMonthReported ? before.month(Side.IMPORTS, month) : null;
    BigDecimal baseYtdX = ytdComparable ? before.ytd(Side.EXPORTS, month) : null;
    BigDecimal baseYtdM = ytdComparable ? before.ytd(Side.IMPORTS, month) : null;

    return new MonthFigures(
        year,
        month,
        exports,
        imports,
        ytdX,
        ytdM,
        t12mX,
        t12mM,
        Growth.percentChange(exports, baseX),
        Growth.percentChange(imports, baseM),
        Growth.percentChange(exports.add(imports), sum(baseX, baseM)),
        Growth.percentChange(ytdX, baseYtdX),
        Growth.percentChange(ytdM, baseYtdM),
        Growth.percentChange(ytdX.add(ytdM), sum(baseYtdX, baseYtdM)),
        Growth.percentChange(sum(t12mX, t12mM), sum(prevT12mX, prevT12mM)));
  }

  /**
   * Trailing twelve months ending with {@code month} of the current year: months after {@code
   * month} of the previous year plus January to {@code month} of the current one. Null unless the
   * previous year's monthly records start early enough to cover the window (December needs no
   * previous year, but then the current year's records must start in January).
   */
  static BigDecimal trailing12(Side side, int month, YearLedger before, YearLedger current) {
    if (month == 12) {
      boolean covered = current.firstMonthReported() == 1 || before.firstMonthReported() != 0;
      return covered ? current.ytd(side, 12) : null;
    }
    int first = before.firstMonthReported();
    if (first == 0 || first > month + 1) {
      return null;
    }
    return before.fromMonth(side, month + 1).add(current.ytd(side, month));
  }

  /** Annual figures of {@code year}, given its ledger, the previous year's and five years back. */
  public static AnnualFigures annual(
      int year, YearLedger current, YearLedger before, YearLedger spanBefore) {
    AnnualValue x = current.annual(Side.EXPORTS);
    AnnualValue m = current.annual(Side.IMPORTS);
    AnnualValue prevX = before.annual(Side.EXPORTS);
    AnnualValue prevM = before.annual(Side.IMPORTS);
    boolean comparable = current.complete() && before.complete() && !before.isEmpty();
    BigDecimal turnover = x.value().add(m.value());

    BigDecimal multiple = null;
    BigDecimal cagr = null;
    if (current.complete() && spanBefore.complete() && !spanBefore.isEmpty()) {
      BigDecimal base =
          spanBefore.annual(Side.EXPORTS).value().add(spanBefore.annual(Side.IMPORTS).value());
      multiple = Growth.multiple(turnover, base);
      cagr = Growth.cagrPercent(turnover, base, MULTI_YEAR_SPAN);
    }
    return new AnnualFigures(
        year,
        x,
        m,
        current.monthsReported(),
        comparable ? Growth.percentChange(x.value(), prevX.value()) : null,
        comparable ? Growth.percentChange(m.value(), prevM.value()) : null,
        comparable ? Growth.percentChange(turnover, prevX.value().add(prevM.value())) : null,
        multiple,
        cagr);
  }

  private static BigDecimal sum(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? null : a.add(b);
  }
}
