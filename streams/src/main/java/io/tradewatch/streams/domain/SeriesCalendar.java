package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calendar arithmetic over a series' year ledgers: monthly, year-to-date and trailing-12-month
 * figures and their year-over-year growth. Periods are calendar months and years, never
 * fixed-length windows: YoY compares the same calendar month, YTD the same months of the previous
 * year.
 *
 * <p>Every figure is computed over released months only (see {@link YearLedger}): a sum whose
 * window holds a month that is not released is null with that month named, never a partial sum; YTD
 * growth needs January to the month released in both years, per flow.
 *
 * <p>Ledgers of years without figures are passed as {@link YearLedger#empty(int)} with their
 * releases: a released month of a series that traded nothing is zero.
 */
public final class SeriesCalendar {
  /** Years over which the multi-year multiple and CAGR are measured. */
  public static final int MULTI_YEAR_SPAN = 5;

  private SeriesCalendar() {}

  /**
   * Figures of {@code month} of the current ledger's year, given the ledgers of that year and the
   * two before (the one before that is needed for the trailing-12-month YoY).
   */
  public static MonthFigures month(
      int month, YearLedger twoBefore, YearLedger before, YearLedger current) {
    Map<String, String> why = new LinkedHashMap<>();
    String sameMonthLastYear = period(before.year(), month);

    Figure x = current.month(Side.EXPORTS, month);
    Figure m = current.month(Side.IMPORTS, month);
    Figure ytdX = current.ytd(Side.EXPORTS, month);
    Figure ytdM = current.ytd(Side.IMPORTS, month);
    Figure t12mX = trailing12(Side.EXPORTS, month, before, current);
    Figure t12mM = trailing12(Side.IMPORTS, month, before, current);
    Figure prevT12m =
        trailing12(Side.EXPORTS, month, twoBefore, before)
            .plus(trailing12(Side.IMPORTS, month, twoBefore, before));
    Figure baseX = before.month(Side.EXPORTS, month);
    Figure baseM = before.month(Side.IMPORTS, month);
    Figure baseYtdX = before.ytd(Side.EXPORTS, month);
    Figure baseYtdM = before.ytd(Side.IMPORTS, month);

    return new MonthFigures(
        current.year(),
        month,
        value("exportsUsd", x, why),
        value("importsUsd", m, why),
        value("turnoverUsd", x.plus(m), why),
        value("balanceUsd", x.minus(m), why),
        value("ytdExportsUsd", ytdX, why),
        value("ytdImportsUsd", ytdM, why),
        value("ytdTurnoverUsd", ytdX.plus(ytdM), why),
        value("t12mExportsUsd", t12mX, why),
        value("t12mImportsUsd", t12mM, why),
        value("t12mTurnoverUsd", t12mX.plus(t12mM), why),
        value("exportsYoyPct", Growth.rate(x, baseX, sameMonthLastYear), why),
        value("importsYoyPct", Growth.rate(m, baseM, sameMonthLastYear), why),
        value("turnoverYoyPct", Growth.rate(x.plus(m), baseX.plus(baseM), sameMonthLastYear), why),
        value("ytdExportsYoyPct", Growth.rate(ytdX, baseYtdX, "YTD " + sameMonthLastYear), why),
        value("ytdImportsYoyPct", Growth.rate(ytdM, baseYtdM, "YTD " + sameMonthLastYear), why),
        value(
            "ytdTurnoverYoyPct",
            Growth.rate(ytdX.plus(ytdM), baseYtdX.plus(baseYtdM), "YTD " + sameMonthLastYear),
            why),
        value(
            "t12mTurnoverYoyPct",
            Growth.rate(t12mX.plus(t12mM), prevT12m, "T12M to " + sameMonthLastYear),
            why),
        current.monthsReleased(Side.EXPORTS, month),
        current.monthsReleased(Side.IMPORTS, month),
        why);
  }

  /**
   * Trailing twelve months ending with {@code month} of the current year: months after {@code
   * month} of the previous year plus January to {@code month} of the current one, each released.
   */
  static Figure trailing12(Side side, int month, YearLedger before, YearLedger current) {
    Figure head = month == 12 ? Figure.of(Money.ZERO) : before.fromMonth(side, month + 1);
    return head.plus(current.ytd(side, month));
  }

  /** Annual figures of {@code year}, given its ledger, the previous year's and five years back. */
  public static AnnualFigures annual(YearLedger current, YearLedger before, YearLedger spanBefore) {
    Map<String, String> why = new LinkedHashMap<>();
    Figure x = whole(current, Side.EXPORTS);
    Figure m = whole(current, Side.IMPORTS);
    Figure prevX = whole(before, Side.EXPORTS);
    Figure prevM = whole(before, Side.IMPORTS);
    String last = Integer.toString(before.year());
    Figure turnover = x.plus(m);
    Figure spanBase = whole(spanBefore, Side.EXPORTS).plus(whole(spanBefore, Side.IMPORTS));

    Figure multiple = turnover;
    Figure cagr = turnover;
    if (turnover.known() && spanBase.known()) {
      multiple =
          spanBase.value().signum() <= 0
              ? Figure.none("no multiple of a zero base (" + spanBefore.year() + ")")
              : Growth.bounded(
                  Growth.multiple(turnover.value(), spanBase.value()), "5-year multiple");
      BigDecimal rate = Growth.cagrPercent(turnover.value(), spanBase.value(), MULTI_YEAR_SPAN);
      cagr =
          rate == null
              ? Figure.none("no CAGR between " + spanBefore.year() + " and a zero figure")
              : Growth.bounded(rate, "5-year CAGR");
    } else if (turnover.known()) {
      multiple = spanBase;
      cagr = spanBase;
    }
    return new AnnualFigures(
        current.year(),
        current.annual(Side.EXPORTS),
        current.annual(Side.IMPORTS),
        current.monthsBooked(),
        value("exportsYoyPct", Growth.rate(x, prevX, last), why),
        value("importsYoyPct", Growth.rate(m, prevM, last), why),
        value("turnoverYoyPct", Growth.rate(turnover, prevX.plus(prevM), last), why),
        value("turnoverMultiple5y", multiple, why),
        value("turnoverCagr5yPct", cagr, why),
        why);
  }

  /** A side's annual figure when it covers the whole year. */
  private static Figure whole(YearLedger ledger, Side side) {
    AnnualValue a = ledger.annual(side);
    return a.complete() ? Figure.of(a.value()) : Figure.none(ledger.incompleteReason(side));
  }

  private static BigDecimal value(String field, Figure f, Map<String, String> why) {
    if (!f.known()) {
      why.put(field, f.whyNull());
    }
    return f.value();
  }

  private static String period(int year, int month) {
    return year + (month < 10 ? "-0" : "-") + month;
  }
}
