package io.tradewatch.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class YearLedgerTest {

  private static final int YEAR = 2023;

  private static BigDecimal usd(String value) {
    return new BigDecimal(value);
  }

  private static YearLedger empty() {
    return YearLedger.empty(YEAR);
  }

  private static YearLedger months(YearLedger ledger, Side side, int from, int to, String each) {
    YearLedger l = ledger;
    for (int m = from; m <= to; m++) {
      l = l.withMonth(side, m, usd(each));
    }
    return l;
  }

  /** Months {@code from..to} as a release mask (bit m-1 for month m). */
  private static int mask(int from, int to) {
    int mask = 0;
    for (int m = from; m <= to; m++) {
      mask |= 1 << (m - 1);
    }
    return mask;
  }

  private static YearLedger releasedAll(YearLedger ledger) {
    return ledger
        .withReleased(Side.EXPORTS, YearLedger.ALL_MONTHS)
        .withReleased(Side.IMPORTS, YearLedger.ALL_MONTHS);
  }

  // ---- annual-versus-monthly rule ----

  @Test
  void givenAnAnnualRecordAndMonths_whenAnnual_thenTheRecordWinsAndMonthsAreNotAdded() {
    YearLedger ledger =
        releasedAll(
            empty()
                .withMonth(Side.EXPORTS, 1, usd("100.00"))
                .withMonth(Side.EXPORTS, 2, usd("200.00"))
                .withAnnual(Side.EXPORTS, usd("4000.00")));

    AnnualValue exports = ledger.annual(Side.EXPORTS);

    assertThat(exports).isEqualTo(new AnnualValue(usd("4000.00"), Basis.ANNUAL_RECORD, true, 12));
    assertThat(ledger.monthsBooked()).isEqualTo(2);
    assertThat(ledger.ytd(Side.EXPORTS, 12))
        .as("monthly figures still come from monthly records (released months without one are 0)")
        .isEqualTo(Figure.of(usd("300.00")));
  }

  @Test
  void givenAnAnnualRecordAndNoRelease_whenAnnual_thenTheRecordIsCompleteByItself() {
    YearLedger ledger =
        empty().withMonth(Side.EXPORTS, 1, usd("100.00")).withAnnual(Side.EXPORTS, usd("4000.00"));

    assertThat(ledger.annual(Side.EXPORTS))
        .isEqualTo(new AnnualValue(usd("4000.00"), Basis.ANNUAL_RECORD, true, 0));
    assertThat(ledger.incompleteReason(Side.EXPORTS)).isNull();
    assertThat(ledger.ytd(Side.EXPORTS, 12))
        .as("the record does not release the months")
        .isEqualTo(Figure.none("exports of 2023-01 not released"));
  }

  @Test
  void givenTheAnnualRecordArrivesBeforeTheMonths_whenAnnual_thenTheRecordStillWins() {
    YearLedger ledger =
        months(
                empty().withAnnual(Side.IMPORTS, usd("19800000.00")),
                Side.IMPORTS,
                1,
                12,
                "2000000.00")
            .releasedWhereBooked();

    assertThat(ledger.annual(Side.IMPORTS).value()).isEqualTo(new BigDecimal("19800000.00"));
    assertThat(ledger.annual(Side.IMPORTS).basis()).isEqualTo(Basis.ANNUAL_RECORD);
  }

  @Test
  void givenJanuaryToJulyReleased_whenAnnual_thenIncompleteSumOfTheReleasedMonths() {
    YearLedger ledger =
        months(months(empty(), Side.EXPORTS, 1, 7, "1000000.00"), Side.IMPORTS, 1, 7, "500000.50")
            .releasedWhereBooked();

    AnnualValue exports = ledger.annual(Side.EXPORTS);
    AnnualValue imports = ledger.annual(Side.IMPORTS);

    assertThat(exports).isEqualTo(new AnnualValue(usd("7000000.00"), Basis.PERIOD_SUM, false, 7));
    assertThat(imports).isEqualTo(new AnnualValue(usd("3500003.50"), Basis.PERIOD_SUM, false, 7));
    assertThat(ledger.monthsBooked()).isEqualTo(7);
    assertThat(ledger.complete()).isFalse();
    assertThat(ledger.incompleteReason(Side.EXPORTS))
        .isEqualTo("exports of 2023 released for 7 of 12 months (first missing 2023-08)");
  }

  @Test
  void givenAllTwelveMonths_whenAnnual_thenCompleteSum() {
    YearLedger ledger =
        months(
                months(empty(), Side.EXPORTS, 1, 12, "2775000.00"),
                Side.IMPORTS,
                1,
                12,
                "1650000.00")
            .releasedWhereBooked();

    assertThat(ledger.annual(Side.EXPORTS))
        .isEqualTo(new AnnualValue(usd("33300000.00"), Basis.PERIOD_SUM, true, 12));
    assertThat(ledger.annual(Side.IMPORTS).value()).isEqualTo(new BigDecimal("19800000.00"));
    assertThat(ledger.complete()).isTrue();
    assertThat(ledger.incompleteReason(Side.EXPORTS)).isNull();
  }

  @Test
  void
      givenTwelveReleasedMonthsOnBothSidesAndOneImportFigure_whenComplete_thenTrueWithTheRestZero() {
    // Formerly: twelve months of exports made the imports complete too. Coverage now comes from
    // releases per side: the office released all twelve months of both flows, and imports were
    // booked for January only, so the other eleven import months are 0.
    YearLedger ledger =
        releasedAll(
            months(empty(), Side.EXPORTS, 1, 12, "10.00").withMonth(Side.IMPORTS, 1, usd("1.00")));

    assertThat(ledger.complete()).isTrue();
    assertThat(ledger.annual(Side.IMPORTS))
        .isEqualTo(new AnnualValue(usd("1.00"), Basis.PERIOD_SUM, true, 12));
  }

  @Test
  void
      givenTwelveMonthsOfExportsAndOneOfImportsWithoutReleases_whenComplete_thenImportsIncomplete() {
    // The old rule counted a month reported on either side as covered for both; without a release
    // of imports, only the booked import month counts (releasedWhereBooked).
    YearLedger ledger =
        months(empty(), Side.EXPORTS, 1, 12, "10.00")
            .withMonth(Side.IMPORTS, 1, usd("1.00"))
            .releasedWhereBooked();

    assertThat(ledger.complete()).isFalse();
    assertThat(ledger.annual(Side.EXPORTS).complete()).isTrue();
    assertThat(ledger.annual(Side.IMPORTS))
        .isEqualTo(new AnnualValue(usd("1.00"), Basis.PERIOD_SUM, false, 1));
    assertThat(ledger.incompleteReason(Side.IMPORTS))
        .isEqualTo("imports of 2023 released for 1 of 12 months (first missing 2023-02)");
  }

  @Test
  void givenAMonthNeitherBookedNorReleased_whenAnnual_thenIncompleteAndTheMonthUnknown() {
    // Formerly the missing month read as 0.00; a month no release covers is now unknown.
    YearLedger withGap = empty();
    for (int m = 1; m <= 12; m++) {
      if (m != 6) {
        withGap = withGap.withMonth(Side.EXPORTS, m, usd("10.00"));
      }
    }
    withGap = withGap.releasedWhereBooked();

    assertThat(withGap.booked(6)).isFalse();
    assertThat(withGap.booked(Side.EXPORTS, 6)).isEqualTo(new BigDecimal("0.00"));
    assertThat(withGap.month(Side.EXPORTS, 6))
        .isEqualTo(Figure.none("exports of 2023-06 not released"));
    assertThat(withGap.annual(Side.EXPORTS))
        .isEqualTo(new AnnualValue(usd("110.00"), Basis.PERIOD_SUM, false, 11));
    assertThat(withGap.incompleteReason(Side.EXPORTS))
        .isEqualTo("exports of 2023 released for 11 of 12 months (first missing 2023-06)");
    assertThat(withGap.monthsBooked()).isEqualTo(11);
  }

  @Test
  void givenAReleasedMonthWithoutAFigure_whenMonth_thenZeroAndTheYearComplete() {
    YearLedger withGap = empty();
    for (int m = 1; m <= 12; m++) {
      if (m != 6) {
        withGap = withGap.withMonth(Side.EXPORTS, m, usd("10.00"));
      }
    }
    withGap = withGap.withReleased(Side.EXPORTS, YearLedger.ALL_MONTHS);

    assertThat(withGap.month(Side.EXPORTS, 6)).isEqualTo(Figure.of(usd("0.00")));
    assertThat(withGap.annual(Side.EXPORTS))
        .isEqualTo(new AnnualValue(usd("110.00"), Basis.PERIOD_SUM, true, 12));
    assertThat(withGap.known(6)).isTrue();
    assertThat(withGap.booked(6)).isFalse();
  }

  @Test
  void givenABookedMonthNoReleaseCovers_whenMonthAndAnnual_thenUnknownAndNotCounted() {
    YearLedger ledger =
        empty()
            .withMonth(Side.IMPORTS, 1, usd("5.00"))
            .withMonth(Side.IMPORTS, 2, usd("7.00"))
            .withReleased(Side.IMPORTS, mask(1, 1));

    assertThat(ledger.month(Side.IMPORTS, 1)).isEqualTo(Figure.of(usd("5.00")));
    assertThat(ledger.month(Side.IMPORTS, 2))
        .as("booked but not released: the first rows of a release still loading")
        .isEqualTo(Figure.none("imports of 2023-02 not released"));
    assertThat(ledger.annual(Side.IMPORTS))
        .isEqualTo(new AnnualValue(usd("5.00"), Basis.PERIOD_SUM, false, 1));
    assertThat(ledger.known(2)).isTrue();
    assertThat(ledger.known(3)).isFalse();
  }

  @Test
  void givenReleasesOfOneSide_whenTheOtherSide_thenItStaysUnreleased() {
    YearLedger ledger =
        months(empty(), Side.IMPORTS, 1, 3, "1.00").withReleased(Side.EXPORTS, mask(1, 3));

    assertThat(ledger.ytd(Side.EXPORTS, 3)).isEqualTo(Figure.of(usd("0.00")));
    assertThat(ledger.ytd(Side.IMPORTS, 3))
        .isEqualTo(Figure.none("imports of 2023-01 not released"));
    assertThat(ledger.releasedMask(Side.EXPORTS)).isEqualTo(0b111);
    assertThat(ledger.releasedMask(Side.IMPORTS)).isZero();
  }

  @Test
  void givenANewReleaseMask_whenWithReleased_thenItReplacesTheOldOneAndDropsBitsBeyondDecember() {
    YearLedger ledger =
        empty()
            .withReleased(Side.EXPORTS, mask(1, 6))
            .withReleased(Side.EXPORTS, 0b1_0000_0000_0100);

    assertThat(ledger.releasedMask(Side.EXPORTS)).isEqualTo(0b100);
    assertThat(ledger.released(Side.EXPORTS, 1)).isFalse();
    assertThat(ledger.released(Side.EXPORTS, 3)).isTrue();
  }

  @Test
  void givenOneSideWithNothing_whenAnnual_thenNoneWithZero() {
    YearLedger ledger = empty().withMonth(Side.EXPORTS, 3, usd("5.00")).releasedWhereBooked();

    AnnualValue imports = ledger.annual(Side.IMPORTS);

    assertThat(imports).isEqualTo(new AnnualValue(usd("0.00"), Basis.NONE, false, 0));
    assertThat(ledger.incompleteReason(Side.IMPORTS)).isEqualTo("imports of 2023 not released");
  }

  @Test
  void givenAnnualRecordsOnBothSides_whenComplete_thenTrueWithoutAnyMonth() {
    YearLedger ledger =
        empty()
            .withAnnual(Side.EXPORTS, usd("33300000.00"))
            .withAnnual(Side.IMPORTS, usd("19800000.00"));

    assertThat(ledger.complete()).isTrue();
    assertThat(ledger.isEmpty()).isFalse();
    assertThat(ledger.monthsBooked()).isZero();
    assertThat(ledger.monthMask(Side.EXPORTS)).isZero();
    assertThat(ledger.monthMask(Side.IMPORTS)).isZero();
  }

  @Test
  void givenAMonthReportedTwice_whenMonth_thenTheLaterFigureReplacesTheEarlier() {
    YearLedger ledger =
        empty()
            .withMonth(Side.EXPORTS, 4, usd("10.00"))
            .withMonth(Side.EXPORTS, 4, usd("12.00"))
            .releasedWhereBooked();

    assertThat(ledger.month(Side.EXPORTS, 4)).isEqualTo(Figure.of(usd("12.00")));
    assertThat(ledger.annual(Side.EXPORTS).value()).isEqualTo(new BigDecimal("12.00"));
    assertThat(ledger.monthsBooked()).isEqualTo(1);
  }

  @Test
  void givenALedger_whenWithMonthAnnualOrReleased_thenTheOriginalIsUnchanged() {
    YearLedger original = empty().withMonth(Side.EXPORTS, 1, usd("1.00"));

    YearLedger changed =
        original
            .withMonth(Side.EXPORTS, 1, usd("9.00"))
            .withAnnual(Side.EXPORTS, usd("99.00"))
            .withReleased(Side.EXPORTS, YearLedger.ALL_MONTHS);

    assertThat(original.booked(Side.EXPORTS, 1)).isEqualTo(new BigDecimal("1.00"));
    assertThat(original.annualRecord(Side.EXPORTS)).isNull();
    assertThat(original.releasedMask(Side.EXPORTS)).isZero();
    assertThat(changed.booked(Side.EXPORTS, 1)).isEqualTo(new BigDecimal("9.00"));
    assertThat(changed.annualRecord(Side.EXPORTS)).isEqualTo(new BigDecimal("99.00"));
    assertThat(changed.releasedMask(Side.EXPORTS)).isEqualTo(YearLedger.ALL_MONTHS);
    assertThat(changed.year()).isEqualTo(YEAR);
  }

  @Test
  void givenMonthsReleased_whenYtdAndFromMonth_thenSumsOfTheCalendarRange() {
    YearLedger ledger = empty();
    for (int m = 1; m <= 12; m++) {
      ledger = ledger.withMonth(Side.EXPORTS, m, BigDecimal.valueOf(m));
    }
    ledger = releasedAll(ledger);

    assertThat(ledger.ytd(Side.EXPORTS, 3)).isEqualTo(Figure.of(usd("6.00")));
    assertThat(ledger.fromMonth(Side.EXPORTS, 4)).isEqualTo(Figure.of(usd("72.00")));
    assertThat(ledger.ytd(Side.EXPORTS, 12)).isEqualTo(Figure.of(usd("78.00")));
    assertThat(ledger.ytd(Side.IMPORTS, 12))
        .as("released without a figure: the series imported nothing")
        .isEqualTo(Figure.of(usd("0.00")));
  }

  @Test
  void givenAMonthNotReleased_whenYtdAndFromMonth_thenNullNamingTheFirstMissingMonth() {
    // Formerly the sums added whatever was reported (imports without records summed to 0.00).
    YearLedger ledger = empty();
    for (int m = 1; m <= 12; m++) {
      ledger = ledger.withMonth(Side.EXPORTS, m, BigDecimal.valueOf(m));
    }
    ledger = ledger.withReleased(Side.EXPORTS, YearLedger.ALL_MONTHS & ~mask(5, 5) & ~mask(9, 9));

    assertThat(ledger.ytd(Side.EXPORTS, 4)).isEqualTo(Figure.of(usd("10.00")));
    assertThat(ledger.ytd(Side.EXPORTS, 12))
        .isEqualTo(Figure.none("exports of 2023-05 not released"));
    assertThat(ledger.fromMonth(Side.EXPORTS, 6))
        .isEqualTo(Figure.none("exports of 2023-09 not released"));
    assertThat(ledger.fromMonth(Side.EXPORTS, 10)).isEqualTo(Figure.of(usd("33.00")));
    assertThat(ledger.ytd(Side.IMPORTS, 12))
        .isEqualTo(Figure.none("imports of 2023-01 not released"));
    assertThat(ledger.monthsReleased(Side.EXPORTS, 12)).isEqualTo(10);
    assertThat(ledger.monthsReleased(Side.EXPORTS, 5)).isEqualTo(4);
  }

  @Test
  void givenMonthsOnEitherSide_whenBookedAndMasks_thenUnionOfBothSides() {
    YearLedger ledger =
        empty().withMonth(Side.IMPORTS, 3, usd("1.00")).withMonth(Side.EXPORTS, 5, usd("1.00"));

    assertThat(ledger.booked(3)).isTrue();
    assertThat(ledger.booked(5)).isTrue();
    assertThat(ledger.booked(4)).isFalse();
    assertThat(ledger.monthsBooked()).isEqualTo(2);
    assertThat(ledger.monthMask(Side.IMPORTS)).isEqualTo(0b100);
    assertThat(ledger.monthMask(Side.EXPORTS)).isEqualTo(0b10000);
  }

  @Test
  void givenNothing_whenEmpty_thenEmptyAndIncomplete() {
    YearLedger ledger = empty();

    assertThat(ledger.isEmpty()).isTrue();
    assertThat(ledger.complete()).isFalse();
    assertThat(ledger.monthsBooked()).isZero();
    assertThat(ledger.releasedMask(Side.EXPORTS)).isZero();
  }

  @Test
  void givenReleasesOnly_whenEmpty_thenStillEmptyButTheMonthsAreKnownZeros() {
    YearLedger ledger = releasedAll(empty());

    assertThat(ledger.isEmpty()).isTrue();
    assertThat(ledger.complete()).isTrue();
    assertThat(ledger.annual(Side.EXPORTS))
        .isEqualTo(new AnnualValue(usd("0.00"), Basis.PERIOD_SUM, true, 12));
  }

  @Test
  void givenAMonthOutsideOneToTwelve_whenWithMonthOrSums_thenRejectedWithTheMonth() {
    assertThatThrownBy(() -> empty().withMonth(Side.EXPORTS, 13, usd("1.00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("month must be 1-12, was 13");
    assertThatThrownBy(() -> empty().ytd(Side.EXPORTS, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("month must be 1-12, was 0");
    assertThatThrownBy(() -> empty().fromMonth(Side.EXPORTS, 13))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("month must be 1-12, was 13");
    assertThatThrownBy(() -> empty().month(Side.EXPORTS, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("month must be 1-12, was 0");
  }

  @Test
  void givenAFractionOfACent_whenWithMonth_thenRefusesToRound() {
    assertThatThrownBy(() -> empty().withMonth(Side.EXPORTS, 1, usd("1.234")))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void givenStoredMonthsAndMasks_whenBuiltAndReleased_thenOnlyTheMaskedMonthsAreBooked() {
    List<BigDecimal> values = new ArrayList<>();
    for (int m = 1; m <= 12; m++) {
      values.add(usd(m + "00.00"));
    }

    YearLedger ledger =
        YearLedger.of(YEAR, values, mask(1, 3), values, mask(2, 2), null, null)
            .withReleased(mask(1, 12), mask(1, 2));

    assertThat(ledger.monthMask(Side.EXPORTS)).isEqualTo(mask(1, 3));
    assertThat(ledger.ytd(Side.EXPORTS, 4)).isEqualTo(Figure.of(usd("600.00")));
    assertThat(ledger.month(Side.IMPORTS, 1)).isEqualTo(Figure.of(usd("0.00")));
    assertThat(ledger.month(Side.IMPORTS, 2)).isEqualTo(Figure.of(usd("200.00")));
    assertThat(ledger.month(Side.IMPORTS, 3).known()).as("imports of March not released").isFalse();
    assertThat(ledger.annual(Side.EXPORTS))
        .isEqualTo(new AnnualValue(usd("600.00"), Basis.PERIOD_SUM, true, 12));
  }

  @Test
  void givenStoredAnnualRecords_whenBuilt_thenEachIsItsSidesAnnualFigure() {
    List<BigDecimal> values = new ArrayList<>(java.util.Collections.nCopies(12, usd("5.00")));

    YearLedger ledger =
        YearLedger.of(YEAR, values, mask(1, 12), values, 0, usd("70.00"), new BigDecimal("3"));

    assertThat(ledger.annual(Side.EXPORTS))
        .isEqualTo(new AnnualValue(usd("70.00"), Basis.ANNUAL_RECORD, true, 0));
    assertThat(ledger.annual(Side.IMPORTS).value()).isEqualTo(usd("3.00"));
    assertThat(ledger.monthMask(Side.IMPORTS)).isZero();
  }

  @Test
  void givenAFractionOfACentInStoredMonths_whenBuilt_thenRefusesToRound() {
    List<BigDecimal> values = new ArrayList<>(java.util.Collections.nCopies(12, usd("1.00")));
    values.set(4, usd("1.234"));

    assertThatThrownBy(() -> YearLedger.of(YEAR, values, mask(5, 5), values, 0, null, null))
        .isInstanceOf(ArithmeticException.class);
  }
}
