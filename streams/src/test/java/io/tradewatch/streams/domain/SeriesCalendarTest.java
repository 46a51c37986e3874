package io.tradewatch.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
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

  /** A ledger with the months of each mask (bit m-1 for month m) released for that side. */
  private static YearLedger released(YearLedger ledger, int exports, int imports) {
    return ledger.withReleased(Side.EXPORTS, exports).withReleased(Side.IMPORTS, imports);
  }

  /** Months {@code from..to} as a release mask. */
  private static int mask(int from, int to) {
    int mask = 0;
    for (int m = from; m <= to; m++) {
      mask |= 1 << (m - 1);
    }
    return mask;
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
    assertThat(march.nullReasons())
        .containsEntry("exportsYoyPct", "exports of 2022-03 not released")
        .containsEntry("importsYoyPct", "imports of 2022-03 not released")
        .containsEntry("turnoverYoyPct", "exports of 2022-03 not released");
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
    // only March is booked, so only March 2023 counts as released: no YTD this year
    assertThat(march.nullReasons())
        .containsEntry("exportsYoyPct", "no growth from a zero base (2022-03)")
        .doesNotContainKeys("importsYoyPct", "turnoverYoyPct", "exportsUsd", "importsUsd")
        .containsEntry("t12mTurnoverUsd", "exports of 2022-04 not released")
        .containsEntry("ytdExportsYoyPct", "exports of 2023-01 not released")
        .containsEntry("ytdTurnoverUsd", "exports of 2023-01 not released")
        .hasSize(11);
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
    assertThat(march.nullReasons())
        .containsEntry("ytdTurnoverYoyPct", "exports of 2022-01 not released");
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
    assertThat(may.nullReasons())
        .containsEntry("ytdExportsYoyPct", "exports of 2022-01 not released");
  }

  @Test
  void givenTheSeriesRanBeforeLastYear_whenLastYearHasNoJanuaryRelease_thenNoYtdYoy() {
    // Formerly a series with history before 2022 counted Jan-Feb 2022 as zero trade (66.6667 %).
    // Under coverage only a release makes a month without figures zero: history does not.
    YearLedger twoBefore = months(1, 12, "10.00", "0.00");
    YearLedger before = months(3, 12, "10.00", "0.00");
    YearLedger current = months(1, 5, "10.00", "0.00");

    MonthFigures may = month(2023, 5, twoBefore, before, current);

    assertThat(may.ytdExportsYoyPct()).isNull();
    assertThat(may.nullReasons())
        .containsEntry("ytdExportsYoyPct", "exports of 2022-01 not released");
  }

  @Test
  void givenLastYearsJanuaryAndFebruaryReleasedWithoutFigures_whenMay_thenTheyCountAsZeroTrade() {
    YearLedger before =
        released(
            at(2022, months(3, 12, "10.00", "0.00")), YearLedger.ALL_MONTHS, YearLedger.ALL_MONTHS);
    YearLedger current = released(at(2023, months(1, 5, "10.00", "0.00")), mask(1, 5), mask(1, 5));

    MonthFigures may = SeriesCalendar.month(5, YearLedger.empty(2021), before, current);

    // 50 against Mar-May 2022 = 30, Jan-Feb 2022 released with no trade
    assertThat(may.ytdExports()).isEqualTo(new BigDecimal("50.00"));
    assertThat(may.ytdExportsYoyPct()).isEqualTo(new BigDecimal("66.6667"));
    assertThat(may.ytdImportsYoyPct()).isNull();
    assertThat(may.nullReasons())
        .containsEntry("ytdImportsYoyPct", "no growth from a zero base (YTD 2022-05)");
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
    assertThat(march.nullReasons())
        .containsEntry("t12mExportsUsd", "exports of 2022-04 not released");
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
    assertThat(january.nullReasons())
        .containsEntry("t12mTurnoverUsd", "exports of 2021-02 not released")
        .containsEntry("t12mTurnoverYoyPct", "exports of 2021-02 not released");
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
    assertThat(december.nullReasons())
        .containsEntry("t12mExportsUsd", "exports of 2022-01 not released");
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
    assertThat(june.nullReasons())
        .containsEntry("t12mTurnoverYoyPct", "exports of 2021-07 not released");
  }

  @Test
  void givenLastYearStartedInJuly_whenDecember_thenNoTrailing12YoyAgainstSixMonths() {
    YearLedger before = months(7, 12, "10.00", "0.00");
    YearLedger current = months(1, 12, "10.00", "0.00");

    MonthFigures december = month(2023, 12, NONE, before, current);

    assertThat(december.t12mTurnover()).isEqualTo(new BigDecimal("120.00"));
    assertThat(december.t12mTurnoverYoyPct()).isNull();
    assertThat(december.nullReasons())
        .containsEntry("t12mTurnoverYoyPct", "exports of 2022-01 not released");
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
    String why = "exports of 2024 released for 7 of 12 months (first missing 2024-08)";
    assertThat(figures.nullReasons())
        .isEqualTo(
            Map.of(
                "exportsYoyPct", why,
                "importsYoyPct",
                    "imports of 2024 released for 7 of 12 months (first missing 2024-08)",
                "turnoverYoyPct", why,
                "turnoverMultiple5y", why,
                "turnoverCagr5yPct", why));
  }

  @Test
  void givenAPartialPreviousYear_whenAnnual_thenNoYoy() {
    YearLedger before = months(3, 12, "10.00", "10.00");
    YearLedger current = months(1, 12, "10.00", "10.00");

    AnnualFigures figures = annual(2023, current, before, NONE);

    assertThat(figures.turnover()).isEqualTo(new BigDecimal("240.00"));
    assertThat(figures.turnoverYoyPct()).isNull();
    assertThat(figures.nullReasons())
        .containsEntry(
            "turnoverYoyPct",
            "exports of 2022 released for 10 of 12 months (first missing 2022-01)");
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
    String why = "exports of 2018 released for 11 of 12 months (first missing 2018-12)";
    assertThat(figures.nullReasons())
        .isEqualTo(Map.of("turnoverMultiple5y", why, "turnoverCagr5yPct", why));
    assertThat(noHistory.nullReasons())
        .isEqualTo(
            Map.of(
                "turnoverMultiple5y", "exports of 2018 not released",
                "turnoverCagr5yPct", "exports of 2018 not released"));
  }

  @Test
  void givenAPreviousYearWithZeroTrade_whenAnnual_thenNoYoy() {
    AnnualFigures figures =
        annual(2023, annualRecords("10.00", "10.00"), annualRecords("0.00", "0.00"), NONE);

    assertThat(figures.turnoverYoyPct()).isNull();
    assertThat(figures.exportsYoyPct()).isNull();
    assertThat(figures.nullReasons())
        .containsEntry("turnoverYoyPct", "no growth from a zero base (2022)")
        .containsEntry("exportsYoyPct", "no growth from a zero base (2022)");
  }

  // ---- coverage: releases decide which months are known ----

  /**
   * A year of booked figures: {@code exports[m-1]}, {@code imports[m-1]} for month m (null: none).
   */
  private static YearLedger booked(int year, String[] exports, String[] imports) {
    YearLedger ledger = YearLedger.empty(year);
    for (int m = 1; m <= 12; m++) {
      if (exports[m - 1] != null) {
        ledger = ledger.withMonth(Side.EXPORTS, m, usd(exports[m - 1]));
      }
      if (imports[m - 1] != null) {
        ledger = ledger.withMonth(Side.IMPORTS, m, usd(imports[m - 1]));
      }
    }
    return ledger;
  }

  private static String[] each(String value) {
    String[] values = new String[12];
    java.util.Arrays.fill(values, value);
    return values;
  }

  @Test
  void
      givenOnlyTheFirstHalvesReleased_whenTrailing12_thenNullNamingTheFirstMissingMonthNotTheH1Sum() {
    // given: Jan-Jun of 2021 and 2022 released (and booked), nothing after June
    YearLedger y2020 = YearLedger.empty(2020);
    YearLedger y2021 = released(at(2021, months(1, 6, "10.00", "5.00")), mask(1, 6), mask(1, 6));
    YearLedger y2022 = released(at(2022, months(1, 6, "12.00", "5.00")), mask(1, 6), mask(1, 6));

    // when
    MonthFigures june = SeriesCalendar.month(6, y2020, y2021, y2022);
    MonthFigures january = SeriesCalendar.month(1, y2020, y2021, y2022);

    // then: the window Jul 2021-Jun 2022 (Feb 2021-Jan 2022) misses Jul 2021
    assertThat(june.t12mExports()).as("not the H1 sum 72.00").isNull();
    assertThat(june.t12mImports()).isNull();
    assertThat(june.t12mTurnover()).isNull();
    assertThat(june.t12mTurnoverYoyPct()).isNull();
    assertThat(january.t12mExports()).isNull();
    assertThat(january.t12mImports()).isNull();
    assertThat(january.t12mTurnover()).isNull();
    for (MonthFigures f : java.util.List.of(june, january)) {
      assertThat(f.nullReasons())
          .containsEntry("t12mExportsUsd", "exports of 2021-07 not released")
          .containsEntry("t12mImportsUsd", "imports of 2021-07 not released")
          .containsEntry("t12mTurnoverUsd", "exports of 2021-07 not released")
          .containsEntry("t12mTurnoverYoyPct", "exports of 2021-07 not released");
    }
    // and the YTD of the released half-years is known and compared
    assertThat(june.ytdExports()).isEqualTo(new BigDecimal("72.00"));
    assertThat(june.ytdTurnover()).isEqualTo(new BigDecimal("102.00"));
    assertThat(june.ytdExportsYoyPct()).isEqualTo(new BigDecimal("20.0000"));
    assertThat(june.ytdTurnoverYoyPct()).isEqualTo(new BigDecimal("13.3333"));
    assertThat(june.nullReasons()).hasSize(4);
  }

  private static String[] march500() {
    String[] values = each("100.00");
    values[2] = "500.00";
    return values;
  }

  @Test
  void givenMarchNotReleased_whenYtdToApril_thenYtdAndItsGrowthNullNamingMarch() {
    // given: all of 2022 released (March 500, others 100); Jan, Feb, Apr 2023 released at 100
    YearLedger y2022 =
        released(
            booked(2022, march500(), march500()), YearLedger.ALL_MONTHS, YearLedger.ALL_MONTHS);
    String[] y2023Values = {
      "100.00", "100.00", null, "100.00", null, null, null, null, null, null, null, null
    };
    int janFebApr = mask(1, 2) | mask(4, 4);
    YearLedger y2023 = released(booked(2023, y2023Values, y2023Values), janFebApr, janFebApr);

    // when
    MonthFigures april = SeriesCalendar.month(4, YearLedger.empty(2021), y2022, y2023);

    // then
    assertThat(april.ytdExports()).isNull();
    assertThat(april.ytdImports()).isNull();
    assertThat(april.ytdTurnover()).isNull();
    assertThat(april.ytdExportsYoyPct()).isNull();
    assertThat(april.ytdImportsYoyPct()).isNull();
    assertThat(april.ytdTurnoverYoyPct()).isNull();
    assertThat(april.nullReasons())
        .containsEntry("ytdExportsUsd", "exports of 2023-03 not released")
        .containsEntry("ytdImportsUsd", "imports of 2023-03 not released")
        .containsEntry("ytdTurnoverUsd", "exports of 2023-03 not released")
        .containsEntry("ytdExportsYoyPct", "exports of 2023-03 not released")
        .containsEntry("ytdImportsYoyPct", "imports of 2023-03 not released")
        .containsEntry("ytdTurnoverYoyPct", "exports of 2023-03 not released");
    // the month itself is released and compared with April 2022
    assertThat(april.exports()).isEqualTo(new BigDecimal("100.00"));
    assertThat(april.turnoverYoyPct()).isEqualTo(new BigDecimal("0.0000"));
    assertThat(april.exportsMonthsCovered()).isEqualTo(3);
    assertThat(april.importsMonthsCovered()).isEqualTo(3);
  }

  @Test
  void givenMarchReleasedWithoutAFigure_whenYtdToApril_thenMarchCountsAsZero() {
    // given: as above, but the March 2023 release came with no figure for this series
    YearLedger y2022 =
        released(
            booked(2022, march500(), march500()), YearLedger.ALL_MONTHS, YearLedger.ALL_MONTHS);
    String[] y2023Values = {
      "100.00", "100.00", null, "100.00", null, null, null, null, null, null, null, null
    };
    YearLedger y2023 = released(booked(2023, y2023Values, y2023Values), mask(1, 4), mask(1, 4));

    // when
    MonthFigures april = SeriesCalendar.month(4, YearLedger.empty(2021), y2022, y2023);
    MonthFigures march = SeriesCalendar.month(3, YearLedger.empty(2021), y2022, y2023);

    // then: 300 against Jan-Apr 2022 = 800
    assertThat(april.ytdExports()).isEqualTo(new BigDecimal("300.00"));
    assertThat(april.ytdTurnover()).isEqualTo(new BigDecimal("600.00"));
    assertThat(april.ytdExportsYoyPct()).isEqualTo(new BigDecimal("-62.5000"));
    assertThat(april.ytdImportsYoyPct()).isEqualTo(new BigDecimal("-62.5000"));
    assertThat(april.ytdTurnoverYoyPct()).isEqualTo(new BigDecimal("-62.5000"));
    assertThat(march.exports()).isEqualTo(new BigDecimal("0.00"));
    assertThat(march.exportsYoyPct()).isEqualTo(new BigDecimal("-100.0000"));
    assertThat(april.exportsMonthsCovered()).isEqualTo(4);
    // May-Dec 2022 + Jan-Apr 2023; only its YoY reaches back into the unreleased 2021
    assertThat(april.t12mExports()).isEqualTo(new BigDecimal("1100.00"));
    assertThat(april.t12mTurnover()).isEqualTo(new BigDecimal("2200.00"));
    assertThat(april.nullReasons())
        .isEqualTo(Map.of("t12mTurnoverYoyPct", "exports of 2021-05 not released"));
  }

  @Test
  void givenImportsReleasedOnlyToJune_whenAnnualAndJuly_thenImportFiguresNullWhileExportsKnown() {
    // given: exports released for all of 2022 and 2023; imports for all of 2022 but Jan-Jun 2023
    // (import figures for Jul-Dec 2023 booked already, their release not yet in)
    YearLedger y2022 =
        released(
            booked(2022, each("100.00"), each("50.00")),
            YearLedger.ALL_MONTHS,
            YearLedger.ALL_MONTHS);
    YearLedger y2023 =
        released(booked(2023, each("110.00"), each("60.00")), YearLedger.ALL_MONTHS, mask(1, 6));

    // when
    AnnualFigures annual = SeriesCalendar.annual(y2023, y2022, YearLedger.empty(2018));
    MonthFigures july = SeriesCalendar.month(7, YearLedger.empty(2021), y2022, y2023);

    // then
    String importsWhy = "imports of 2023 released for 6 of 12 months (first missing 2023-07)";
    assertThat(annual.exports())
        .isEqualTo(new AnnualValue(usd("1320.00"), Basis.PERIOD_SUM, true, 12));
    assertThat(annual.imports())
        .isEqualTo(new AnnualValue(usd("360.00"), Basis.PERIOD_SUM, false, 6));
    assertThat(annual.exportsYoyPct()).isEqualTo(new BigDecimal("10.0000"));
    assertThat(annual.importsYoyPct()).isNull();
    assertThat(annual.turnoverYoyPct()).isNull();
    assertThat(annual.nullReasons())
        .isEqualTo(
            Map.of(
                "importsYoyPct", importsWhy,
                "turnoverYoyPct", importsWhy,
                "turnoverMultiple5y", importsWhy,
                "turnoverCagr5yPct", importsWhy));

    assertThat(july.exports()).isEqualTo(new BigDecimal("110.00"));
    assertThat(july.exportsYoyPct()).isEqualTo(new BigDecimal("10.0000"));
    assertThat(july.ytdExports()).isEqualTo(new BigDecimal("770.00"));
    assertThat(july.imports()).as("not 0.00, and not the booked 60.00").isNull();
    assertThat(july.turnover()).isNull();
    assertThat(july.balance()).isNull();
    assertThat(july.importsYoyPct()).isNull();
    assertThat(july.ytdImports()).isNull();
    assertThat(july.nullReasons())
        .containsEntry("importsUsd", "imports of 2023-07 not released")
        .containsEntry("turnoverUsd", "imports of 2023-07 not released")
        .containsEntry("balanceUsd", "imports of 2023-07 not released")
        .containsEntry("importsYoyPct", "imports of 2023-07 not released")
        .doesNotContainKeys("exportsUsd", "exportsYoyPct", "ytdExportsUsd", "ytdExportsYoyPct");
    assertThat(july.exportsMonthsCovered()).isEqualTo(7);
    assertThat(july.importsMonthsCovered()).isEqualTo(6);
  }

  @Test
  void
      givenOneDollarGrowingTo200Million_whenMonthAndAnnual_thenGrowthNullAsOutOfRangeWithoutError() {
    // given: March 2022 exports 1.00, imports 0.00; March 2023 exports 200,000,000.00, imports
    // 50.00
    YearLedger y2022 =
        released(
            YearLedger.empty(2022).withMonth(Side.EXPORTS, 3, usd("1.00")),
            YearLedger.ALL_MONTHS,
            YearLedger.ALL_MONTHS);
    YearLedger y2023 =
        released(
            YearLedger.empty(2023)
                .withMonth(Side.EXPORTS, 3, usd("200000000.00"))
                .withMonth(Side.IMPORTS, 3, usd("50.00")),
            YearLedger.ALL_MONTHS,
            YearLedger.ALL_MONTHS);

    // when
    MonthFigures march = SeriesCalendar.month(3, YearLedger.empty(2021), y2022, y2023);
    AnnualFigures annual = SeriesCalendar.annual(y2023, y2022, YearLedger.empty(2018));

    // then: +19,999,999,900 % is beyond decimal(14,4); imports grow from a zero base
    assertThat(march.exportsYoyPct()).isNull();
    assertThat(march.importsYoyPct()).isNull();
    assertThat(march.turnoverYoyPct()).isNull();
    assertThat(march.ytdExportsYoyPct()).isNull();
    assertThat(march.ytdImportsYoyPct()).isNull();
    assertThat(march.nullReasons())
        .containsEntry(
            "exportsYoyPct", "growth of 19999999900.0000 is beyond what can be represented (10^10)")
        .containsEntry("importsYoyPct", "no growth from a zero base (2022-03)")
        .containsEntry(
            "turnoverYoyPct",
            "growth of 20000004900.0000 is beyond what can be represented (10^10)")
        .containsEntry(
            "ytdExportsYoyPct",
            "growth of 19999999900.0000 is beyond what can be represented (10^10)")
        .containsEntry("ytdImportsYoyPct", "no growth from a zero base (YTD 2022-03)");
    assertThat(march.exports()).isEqualTo(new BigDecimal("200000000.00"));

    assertThat(annual.exportsYoyPct()).isNull();
    assertThat(annual.importsYoyPct()).isNull();
    assertThat(annual.turnoverYoyPct()).isNull();
    assertThat(annual.nullReasons())
        .containsEntry(
            "exportsYoyPct", "growth of 19999999900.0000 is beyond what can be represented (10^10)")
        .containsEntry("importsYoyPct", "no growth from a zero base (2022)")
        .containsEntry(
            "turnoverYoyPct",
            "growth of 20000004900.0000 is beyond what can be represented (10^10)");
  }

  @Test
  void givenGrowthJustInsideTheLimit_whenMonth_thenComputed() {
    // 1.00 -> 99,999,999.99 is +9,999,999,899 %: representable
    YearLedger y2022 =
        released(
            YearLedger.empty(2022).withMonth(Side.EXPORTS, 3, usd("1.00")), mask(3, 3), mask(3, 3));
    YearLedger y2023 =
        released(
            YearLedger.empty(2023).withMonth(Side.EXPORTS, 3, usd("99999999.99")),
            mask(3, 3),
            mask(3, 3));

    MonthFigures march = SeriesCalendar.month(3, YearLedger.empty(2021), y2022, y2023);

    assertThat(march.exportsYoyPct()).isEqualTo(new BigDecimal("9999999899.0000"));
    assertThat(march.importsYoyPct()).isNull();
    assertThat(march.nullReasons())
        .containsEntry("importsYoyPct", "no growth from a zero base (2022-03)");
  }

  @Test
  void givenAnIncompleteBaseYear_whenAnnual_thenNoMultipleOrCagrWithTheReason() {
    // given: 2018 imports complete, exports released Jan-Nov only; 2023 complete
    YearLedger y2018 =
        released(booked(2018, each("10.00"), each("10.00")), mask(1, 11), YearLedger.ALL_MONTHS);
    YearLedger y2022 = annualRecords("50.00", "50.00");
    YearLedger y2023 = annualRecords("60.00", "60.00");

    // when
    AnnualFigures figures = SeriesCalendar.annual(at(2023, y2023), at(2022, y2022), y2018);

    // then
    String why = "exports of 2018 released for 11 of 12 months (first missing 2018-12)";
    assertThat(figures.turnoverYoyPct()).isEqualTo(new BigDecimal("20.0000"));
    assertThat(figures.turnoverMultiple5y()).isNull();
    assertThat(figures.turnoverCagr5yPct()).isNull();
    assertThat(figures.nullReasons())
        .isEqualTo(Map.of("turnoverMultiple5y", why, "turnoverCagr5yPct", why));
  }

  @Test
  void givenACompleteBaseYearOfZeroTrade_whenAnnual_thenNoMultipleOrCagrFromAZeroBase() {
    YearLedger y2018 =
        released(YearLedger.empty(2018), YearLedger.ALL_MONTHS, YearLedger.ALL_MONTHS);

    AnnualFigures figures =
        SeriesCalendar.annual(
            at(2023, annualRecords("60.00", "60.00")),
            at(2022, annualRecords("50.00", "50.00")),
            y2018);

    assertThat(figures.turnoverMultiple5y()).isNull();
    assertThat(figures.turnoverCagr5yPct()).isNull();
    assertThat(figures.nullReasons())
        .isEqualTo(
            Map.of(
                "turnoverMultiple5y", "no multiple of a zero base (2018)",
                "turnoverCagr5yPct", "no CAGR between 2018 and a zero figure"));
  }
}
