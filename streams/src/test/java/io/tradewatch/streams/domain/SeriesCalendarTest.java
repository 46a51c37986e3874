package io.tradewatch.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SeriesCalendarTest {

  private static final YearLedger NONE = YearLedger.empty(0);

  /**
   * The figures of a month, every booked month counting as released (the tests of coverage itself
   * release months explicitly).
   */
  private static MonthFigures month(
      int year, int month, YearLedger twoBefore, YearLedger before, YearLedger current) {
    return SeriesCalendar.month(
        month,
        at(year - 2, twoBefore).releasedWhereBooked(),
        at(year - 1, before).releasedWhereBooked(),
        at(year, current).releasedWhereBooked());
  }

  private static AnnualFigures annual(
      int year, YearLedger current, YearLedger before, YearLedger spanBefore) {
    return SeriesCalendar.annual(
        at(year, current).releasedWhereBooked(),
        at(year - 1, before).releasedWhereBooked(),
        at(year - SeriesCalendar.MULTI_YEAR_SPAN, spanBefore).releasedWhereBooked());
  }

  /** The same ledger as of another year. */
  private static YearLedger at(int year, YearLedger ledger) {
    YearLedger out = YearLedger.empty(year);
    for (Side side : Side.values()) {
      for (int m = 1; m <= 12; m++) {
        if ((ledger.monthMask(side) & (1 << (m - 1))) != 0) {
          out = out.withMonth(side, m, ledger.booked(side, m));
        }
      }
      if (ledger.annualRecord(side) != null) {
        out = out.withAnnual(side, ledger.annualRecord(side));
      }
    }
    return out;
  }

  private static BigDecimal usd(String value) {
    return new BigDecimal(value);
  }

  /** Months {@code from..to} with the same exports and imports each month. */
  private static YearLedger months(int from, int to, String exports, String imports) {
    YearLedger ledger = YearLedger.empty(0);
    for (int m = from; m <= to; m++) {
      ledger =
          ledger.withMonth(Side.EXPORTS, m, usd(exports)).withMonth(Side.IMPORTS, m, usd(imports));
    }
    return ledger;
  }

  private static YearLedger annualRecords(String exports, String imports) {
    return YearLedger.empty(0)
        .withAnnual(Side.EXPORTS, usd(exports))
        .withAnnual(Side.IMPORTS, usd(imports));
  }

  // ---- monthly figures ----

  @Test
  void givenTheSameMonthLastYear_whenMonth_thenYoyComparesTheSameCalendarMonth() {
    YearLedger before =
        YearLedger.empty(0)
            .withMonth(Side.EXPORTS, 2, usd("999.00"))
            .withMonth(Side.EXPORTS, 3, usd("100.00"))
            .withMonth(Side.IMPORTS, 3, usd("50.00"));
    YearLedger current =
        YearLedger.empty(0)
            .withMonth(Side.EXPORTS, 3, usd("125.00"))
            .withMonth(Side.IMPORTS, 3, usd("25.00"));

    MonthFigures march = month(2023, 3, NONE, before, current);

    assertThat(march.exports()).isEqualTo(new BigDecimal("125.00"));
    assertThat(march.imports()).isEqualTo(new BigDecimal("25.00"));
    assertThat(march.turnover()).isEqualTo(new BigDecimal("150.00"));
    assertThat(march.balance()).isEqualTo(new BigDecimal("100.00"));
    assertThat(march.exportsYoyPct()).isEqualTo(new BigDecimal("25.0000"));
    assertThat(march.importsYoyPct()).isEqualTo(new BigDecimal("-50.0000"));
    assertThat(march.turnoverYoyPct()).isEqualTo(new BigDecimal("0.0000"));
  }

  @Test
  void givenTheMonthMissingLastYear_whenMonth_thenNoYoy() {
    YearLedger before = months(1, 2, "100.00", "100.00");
    YearLedger current = months(1, 3, "100.00", "100.00");

    MonthFigures march = month(2023, 3, NONE, before, current);

    assertThat(march.exportsYoyPct()).isNull();
    assertThat(march.importsYoyPct()).isNull();
    assertThat(march.turnoverYoyPct()).isNull();
  }

  @Test
  void givenAZeroBaseOnOneSide_whenMonth_thenOnlyThatSideHasNoYoy() {
    YearLedger before =
        YearLedger.empty(0)
            .withMonth(Side.EXPORTS, 3, usd("0.00"))
            .withMonth(Side.IMPORTS, 3, usd("40.00"));
    YearLedger current = months(3, 3, "10.00", "50.00");

    MonthFigures march = month(2023, 3, NONE, before, current);

    assertThat(march.exportsYoyPct()).isNull();
    assertThat(march.importsYoyPct()).isEqualTo(new BigDecimal("25.0000"));
    assertThat(march.turnoverYoyPct()).isEqualTo(new BigDecimal("50.0000"));
  }

  @Test
  void
      givenJanuaryToJuly2024_whenMonth_thenYtdIsThePublished17Point9MillionAgainstTheSameMonthsOf2023() {
    YearLedger y2023 = months(1, 12, "2775000.00", "1650000.00");
    YearLedger y2024 =
        months(1, 6, "1300000.00", "1200000.00")
            .withMonth(Side.EXPORTS, 7, usd("1600000.00"))
            .withMonth(Side.IMPORTS, 7, usd("1300000.00"));

    MonthFigures july = month(2024, 7, NONE, y2023, y2024);

    assertThat(july.ytdExports()).isEqualTo(new BigDecimal("9400000.00"));
    assertThat(july.ytdImports()).isEqualTo(new BigDecimal("8500000.00"));
    assertThat(july.ytdTurnover()).isEqualTo(new BigDecimal("17900000.00"));
    // against Jan-Jul 2023 (30,975,000), not the whole of 2023 (53,100,000)
    assertThat(july.ytdTurnoverYoyPct()).isEqualTo(new BigDecimal("-42.2115"));
    assertThat(july.ytdExportsYoyPct()).isEqualTo(new BigDecimal("-51.6088"));
    assertThat(july.ytdImportsYoyPct()).isEqualTo(new BigDecimal("-26.4069"));
  }

  @Test
  void givenNothingLastYearUpToTheMonth_whenMonth_thenNoYtdYoy() {
    YearLedger before = months(6, 12, "10.00", "10.00");
    YearLedger current = months(1, 3, "10.00", "10.00");

    MonthFigures march = month(2023, 3, NONE, before, current);

    assertThat(march.ytdTurnover()).isEqualTo(new BigDecimal("60.00"));
    assertThat(march.ytdTurnoverYoyPct()).isNull();
  }

  @Test
  void givenLastYearsSeriesStartedInMarch_whenMonthInMay_thenNoYtdYoyAgainstAShorterPeriod() {
    // the series starts in March 2022: Jan-May 2023 cannot be compared with Mar-May 2022
    YearLedger before = months(3, 12, "10.00", "0.00");
    YearLedger current = months(1, 5, "10.00", "0.00");

    MonthFigures may = month(2023, 5, NONE, before, current);

    assertThat(may.ytdExports()).isEqualTo(new BigDecimal("50.00"));
    assertThat(may.ytdExportsYoyPct()).isNull();
    assertThat(may.ytdTurnoverYoyPct()).isNull();
  }

  @Test
  void
      givenLastYearsJanuaryAndFebruaryReleasedWithoutFigures_whenYtdYoy_thenTheyCountAsZeroTrade() {
    YearLedger before =
        at(2022, months(3, 12, "10.00", "0.00"))
            .withReleased(Side.EXPORTS, YearLedger.ALL_MONTHS)
            .withReleased(Side.IMPORTS, YearLedger.ALL_MONTHS);
    YearLedger current = at(2023, months(1, 5, "10.00", "0.00")).releasedWhereBooked();

    MonthFigures may = SeriesCalendar.month(5, YearLedger.empty(2021), before, current);

    // 50 against Mar-May 2022 = 30, Jan-Feb 2022 released with no trade
    assertThat(may.ytdExportsYoyPct()).isEqualTo(new BigDecimal("66.6667"));
  }

  @Test
  void givenLastYearsJanuaryNotReleased_whenYtdYoy_thenNullNamingIt() {
    YearLedger twoBefore = months(1, 12, "10.00", "0.00");
    YearLedger before = months(3, 12, "10.00", "0.00");
    YearLedger current = months(1, 5, "10.00", "0.00");

    MonthFigures may = month(2023, 5, twoBefore, before, current);

    assertThat(may.ytdExportsYoyPct()).as("no longer read as zero trade").isNull();
    assertThat(may.nullReasons())
        .containsEntry("ytdExportsYoyPct", "exports of 2022-01 not released");
  }

  @Test
  void givenAFullPreviousYear_whenMonth_thenTrailing12SpansTheYearBoundary() {
    YearLedger before = months(1, 12, "10.00", "1.00");
    YearLedger current = months(1, 3, "20.00", "2.00");

    MonthFigures march = month(2023, 3, NONE, before, current);

    // Apr-Dec 2022 + Jan-Mar 2023
    assertThat(march.t12mExports()).isEqualTo(new BigDecimal("150.00"));
    assertThat(march.t12mImports()).isEqualTo(new BigDecimal("15.00"));
    assertThat(march.t12mTurnover()).isEqualTo(new BigDecimal("165.00"));
  }

  @Test
  void givenLastYearStartsAfterTheWindow_whenMonth_thenNoTrailing12() {
    YearLedger before = months(6, 12, "10.00", "0.00");
    YearLedger current = months(1, 5, "20.00", "0.00");

    MonthFigures march = month(2023, 3, NONE, before, current);
    MonthFigures may = month(2023, 5, NONE, before, current);

    assertThat(march.t12mExports()).as("window starts April 2022, records start June").isNull();
    assertThat(march.t12mTurnover()).isNull();
    assertThat(may.t12mExports())
        .as("window starts June 2022: Jun-Dec 2022 + Jan-May 2023")
        .isEqualTo(new BigDecimal("170.00"));
  }

  @Test
  void givenNoPreviousYear_whenJanuary_thenNoTrailing12() {
    MonthFigures january = month(2022, 1, NONE, NONE, months(1, 1, "10.00", "10.00"));

    assertThat(january.t12mExports()).isNull();
    assertThat(january.t12mTurnover()).isNull();
    assertThat(january.t12mTurnoverYoyPct()).isNull();
  }

  @Test
  void givenAYearFromJanuary_whenDecember_thenTrailing12IsTheCalendarYear() {
    MonthFigures december = month(2022, 12, NONE, NONE, months(1, 12, "10.00", "5.00"));

    assertThat(december.t12mExports()).isEqualTo(new BigDecimal("120.00"));
    assertThat(december.t12mTurnover()).isEqualTo(new BigDecimal("180.00"));
  }

  @Test
  void givenASeriesStartingInJuly_whenDecember_thenNoTrailing12() {
    // Jul-Dec is six months, not a trailing twelve
    MonthFigures december = month(2022, 12, NONE, NONE, months(7, 12, "10.00", "5.00"));

    assertThat(december.t12mExports()).isNull();
    assertThat(december.t12mTurnover()).isNull();
  }

  @Test
  void givenThreeYears_whenMonth_thenTrailing12YoyComparesWindowsOneYearApart() {
    YearLedger twoBefore = months(1, 12, "10.00", "0.00");
    YearLedger before = months(1, 12, "20.00", "0.00");
    YearLedger current = months(1, 6, "30.00", "0.00");

    MonthFigures june = month(2023, 6, twoBefore, before, current);

    // Jul 2022-Jun 2023 = 300 against Jul 2021-Jun 2022 = 180
    assertThat(june.t12mTurnover()).isEqualTo(new BigDecimal("300.00"));
    assertThat(june.t12mTurnoverYoyPct()).isEqualTo(new BigDecimal("66.6667"));
  }

  @Test
  void givenTwoYearsBackNotCovered_whenMonth_thenTrailing12ButNoTrailing12Yoy() {
    YearLedger before = months(1, 12, "20.00", "0.00");
    YearLedger current = months(1, 6, "30.00", "0.00");

    MonthFigures june = month(2023, 6, NONE, before, current);

    assertThat(june.t12mTurnover()).isEqualTo(new BigDecimal("300.00"));
    assertThat(june.t12mTurnoverYoyPct()).isNull();
  }

  @Test
  void givenLastYearStartedInJuly_whenDecember_thenNoTrailing12YoyAgainstSixMonths() {
    YearLedger before = months(7, 12, "10.00", "0.00");
    YearLedger current = months(1, 12, "10.00", "0.00");

    MonthFigures december = month(2023, 12, NONE, before, current);

    assertThat(december.t12mTurnover()).isEqualTo(new BigDecimal("120.00"));
    assertThat(december.t12mTurnoverYoyPct()).isNull();
  }

  @Test
  void givenThreeFullYears_whenDecember_thenTrailing12YoyIsTheCalendarYearGrowth() {
    YearLedger twoBefore = months(1, 12, "5.00", "0.00");
    YearLedger before = months(1, 12, "10.00", "0.00");
    YearLedger current = months(1, 12, "12.00", "0.00");

    MonthFigures december = month(2023, 12, twoBefore, before, current);

    assertThat(december.t12mTurnoverYoyPct()).isEqualTo(new BigDecimal("20.0000"));
  }

  // ---- annual figures ----

  @Test
  void given2018_2022And2023_whenAnnual_thenPublishedGrowthMultipleAndCagr() {
    YearLedger y2018 = annualRecords("9170000.00", "6000000.00");
    YearLedger y2022 = annualRecords("25000000.00", "18130000.00");
    YearLedger y2023 = annualRecords("33300000.00", "19800000.00");

    AnnualFigures figures = annual(2023, y2023, y2022, y2018);

    assertThat(figures.turnover()).isEqualTo(new BigDecimal("53100000.00"));
    assertThat(figures.balance()).isEqualTo(new BigDecimal("13500000.00"));
    assertThat(figures.turnoverYoyPct()).isEqualTo(new BigDecimal("23.1162"));
    assertThat(figures.exportsYoyPct()).isEqualTo(new BigDecimal("33.2000"));
    assertThat(figures.importsYoyPct()).isEqualTo(new BigDecimal("9.2113"));
    assertThat(figures.turnoverMultiple5y()).isEqualTo(new BigDecimal("3.5003"));
    assertThat(figures.turnoverCagr5yPct()).isEqualTo(new BigDecimal("28.4759"));
  }

  @Test
  void givenAnAnnualRecordBesideTwelveMonths_whenAnnual_thenTheRecordCountsOnce() {
    YearLedger current =
        months(1, 12, "1000000.00", "1000000.00")
            .withAnnual(Side.EXPORTS, usd("33300000.00"))
            .withAnnual(Side.IMPORTS, usd("19800000.00"));

    AnnualFigures figures = annual(2023, current, NONE, NONE);

    assertThat(figures.turnover()).isEqualTo(new BigDecimal("53100000.00"));
    assertThat(figures.exports().basis()).isEqualTo(Basis.ANNUAL_RECORD);
    assertThat(figures.monthsReported()).isEqualTo(12);
  }

  @Test
  void givenAPartialYear_whenAnnual_thenPartialSumWithoutGrowthOrMultiple() {
    YearLedger y2019 = annualRecords("100.00", "100.00");
    YearLedger y2023 = annualRecords("100.00", "100.00");
    YearLedger y2024 = months(1, 7, "10.00", "5.00");

    AnnualFigures figures = annual(2024, y2024, y2023, y2019);

    assertThat(figures.exports().value()).isEqualTo(new BigDecimal("70.00"));
    assertThat(figures.exports().basis()).isEqualTo(Basis.PERIOD_SUM);
    assertThat(figures.exports().complete()).isFalse();
    assertThat(figures.monthsReported()).isEqualTo(7);
    assertThat(figures.turnoverYoyPct()).isNull();
    assertThat(figures.exportsYoyPct()).isNull();
    assertThat(figures.turnoverMultiple5y()).isNull();
    assertThat(figures.turnoverCagr5yPct()).isNull();
  }

  @Test
  void givenAPartialPreviousYear_whenAnnual_thenNoYoy() {
    YearLedger before = months(3, 12, "10.00", "10.00");
    YearLedger current = months(1, 12, "10.00", "10.00");

    AnnualFigures figures = annual(2023, current, before, NONE);

    assertThat(figures.turnover()).isEqualTo(new BigDecimal("240.00"));
    assertThat(figures.turnoverYoyPct()).isNull();
  }

  @Test
  void givenNoCompleteYearFiveBefore_whenAnnual_thenYoyButNoMultipleOrCagr() {
    YearLedger spanBefore = months(1, 11, "10.00", "10.00");
    YearLedger before = annualRecords("50.00", "50.00");
    YearLedger current = annualRecords("60.00", "60.00");

    AnnualFigures figures = annual(2023, current, before, spanBefore);
    AnnualFigures noHistory = annual(2023, current, before, NONE);

    assertThat(figures.turnoverYoyPct()).isEqualTo(new BigDecimal("20.0000"));
    assertThat(figures.turnoverMultiple5y()).isNull();
    assertThat(figures.turnoverCagr5yPct()).isNull();
    assertThat(noHistory.turnoverMultiple5y()).isNull();
  }

  @Test
  void givenAPreviousYearWithZeroTrade_whenAnnual_thenNoYoy() {
    AnnualFigures figures =
        annual(2023, annualRecords("10.00", "10.00"), annualRecords("0.00", "0.00"), NONE);

    assertThat(figures.turnoverYoyPct()).isNull();
    assertThat(figures.exportsYoyPct()).isNull();
  }
}
