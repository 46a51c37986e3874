package io.tradewatch.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class YearLedgerTest {
  private static final int ALL = YearLedger.ALL_MONTHS;

  private static BigDecimal usd(String value) {
    return new BigDecimal(value);
  }

  private static YearLedger months(YearLedger ledger, Side side, int from, int to, String each) {
    YearLedger l = ledger;
    for (int m = from; m <= to; m++) {
      l = l.withMonth(side, m, usd(each));
    }
    return l;
  }

  /** Months {@code from..to} as a release mask. */
  private static int released(int from, int to) {
    int mask = 0;
    for (int m = from; m <= to; m++) {
      mask |= 1 << (m - 1);
    }
    return mask;
  }

  private static YearLedger bothReleased(YearLedger ledger, int mask) {
    return ledger.withReleased(Side.EXPORTS, mask).withReleased(Side.IMPORTS, mask);
  }

  @Test
  void givenAnAnnualRecordAndMonths_whenAnnual_thenTheRecordWinsAndMonthsAreNotAdded() {
    YearLedger ledger =
        YearLedger.empty(2023)
            .withMonth(Side.EXPORTS, 1, usd("100.00"))
            .withMonth(Side.EXPORTS, 2, usd("200.00"))
            .withAnnual(Side.EXPORTS, usd("4000.00"))
            .withReleased(Side.EXPORTS, ALL);

    AnnualValue exports = ledger.annual(Side.EXPORTS);

    assertThat(exports.value()).isEqualTo(new BigDecimal("4000.00"));
    assertThat(exports.basis()).isEqualTo(Basis.ANNUAL_RECORD);
    assertThat(exports.complete()).isTrue();
    assertThat(ledger.monthsBooked()).isEqualTo(2);
    assertThat(ledger.ytd(Side.EXPORTS, 12).value())
        .as("monthly figures still come from monthly records")
        .isEqualTo(new BigDecimal("300.00"));
  }

  @Test
  void givenAnAnnualRecordWithoutAnyRelease_whenAnnual_thenItIsAWholeFigureByItself() {
    YearLedger ledger = YearLedger.empty(2023).withAnnual(Side.IMPORTS, usd("19800000.00"));

    assertThat(ledger.annual(Side.IMPORTS))
        .isEqualTo(new AnnualValue(new BigDecimal("19800000.00"), Basis.ANNUAL_RECORD, true, 0));
  }

  @Test
  void givenJanuaryToJulyReleased_whenAnnual_thenPartialSumMarkedIncomplete() {
    YearLedger ledger =
        bothReleased(
            months(
                months(YearLedger.empty(2024), Side.EXPORTS, 1, 7, "1000000.00"),
                Side.IMPORTS,
                1,
                7,
                "500000.50"),
            released(1, 7));

    AnnualValue exports = ledger.annual(Side.EXPORTS);

    assertThat(exports.value()).isEqualTo(new BigDecimal("7000000.00"));
    assertThat(exports.basis()).isEqualTo(Basis.PERIOD_SUM);
    assertThat(exports.complete()).isFalse();
    assertThat(exports.monthsCovered()).isEqualTo(7);
    assertThat(ledger.annual(Side.IMPORTS).value()).isEqualTo(new BigDecimal("3500003.50"));
    assertThat(ledger.complete()).isFalse();
    assertThat(ledger.incompleteReason(Side.EXPORTS))
        .isEqualTo("exports of 2024 released for 7 of 12 months (first missing 2024-08)");
  }

  @Test
  void givenAllTwelveMonthsReleased_whenAnnual_thenCompleteSum() {
    YearLedger ledger =
        bothReleased(
            months(
                months(YearLedger.empty(2023), Side.EXPORTS, 1, 12, "2775000.00"),
                Side.IMPORTS,
                1,
                12,
                "1650000.00"),
            ALL);

    assertThat(ledger.annual(Side.EXPORTS).value()).isEqualTo(new BigDecimal("33300000.00"));
    assertThat(ledger.annual(Side.IMPORTS).value()).isEqualTo(new BigDecimal("19800000.00"));
    assertThat(ledger.complete()).isTrue();
    assertThat(ledger.incompleteReason(Side.EXPORTS)).isNull();
  }

  @Test
  void givenTwelveReleasedMonthsWithImportsInOnlyOne_whenAnnual_thenImportsAreCompleteWithZeros() {
    YearLedger ledger =
        bothReleased(
            months(YearLedger.empty(2023), Side.EXPORTS, 1, 12, "10.00")
                .withMonth(Side.IMPORTS, 1, usd("1.00")),
            ALL);

    assertThat(ledger.complete()).isTrue();
    assertThat(ledger.annual(Side.IMPORTS).value()).isEqualTo(new BigDecimal("1.00"));
    assertThat(ledger.month(Side.IMPORTS, 2)).isEqualTo(Figure.of(new BigDecimal("0.00")));
  }

  @Test
  void givenFiguresOfAMonthNotReleased_whenRead_thenUnknownNotZeroAndNotInTheSum() {
    YearLedger withGap =
        months(YearLedger.empty(2023), Side.EXPORTS, 1, 12, "10.00")
            .withReleased(Side.EXPORTS, ALL & ~(1 << 5));

    assertThat(withGap.month(Side.EXPORTS, 6))
        .isEqualTo(Figure.none("exports of 2023-06 not released"));
    assertThat(withGap.ytd(Side.EXPORTS, 5).value()).isEqualTo(new BigDecimal("50.00"));
    assertThat(withGap.ytd(Side.EXPORTS, 7))
        .isEqualTo(Figure.none("exports of 2023-06 not released"));
    assertThat(withGap.fromMonth(Side.EXPORTS, 7).value()).isEqualTo(new BigDecimal("60.00"));
    assertThat(withGap.annual(Side.EXPORTS).value())
        .as("the sum of the released months only")
        .isEqualTo(new BigDecimal("110.00"));
    assertThat(withGap.annual(Side.EXPORTS).complete()).isFalse();
    assertThat(withGap.monthsBooked()).isEqualTo(12);
  }

  @Test
  void givenNothingReleasedForOneSide_whenAnnual_thenNoneWithZeroAndIncomplete() {
    YearLedger ledger =
        YearLedger.empty(2023)
            .withMonth(Side.EXPORTS, 3, usd("5.00"))
            .withReleased(Side.EXPORTS, released(3, 3));

    AnnualValue imports = ledger.annual(Side.IMPORTS);

    assertThat(imports).isEqualTo(new AnnualValue(new BigDecimal("0.00"), Basis.NONE, false, 0));
    assertThat(ledger.incompleteReason(Side.IMPORTS)).isEqualTo("imports of 2023 not released");
  }

  @Test
  void givenAnnualRecordsOnBothSides_whenComplete_thenTrueWithoutAnyMonth() {
    YearLedger ledger =
        YearLedger.empty(2023)
            .withAnnual(Side.EXPORTS, usd("33300000.00"))
            .withAnnual(Side.IMPORTS, usd("19800000.00"));

    assertThat(ledger.complete()).isTrue();
    assertThat(ledger.isEmpty()).isFalse();
    assertThat(ledger.monthsBooked()).isZero();
  }

  @Test
  void givenAMonthBookedTwice_whenMonth_thenTheLaterFigureReplacesTheEarlier() {
    YearLedger ledger =
        YearLedger.empty(2023)
            .withMonth(Side.EXPORTS, 4, usd("10.00"))
            .withMonth(Side.EXPORTS, 4, usd("12.00"))
            .withReleased(Side.EXPORTS, released(4, 4));

    assertThat(ledger.month(Side.EXPORTS, 4).value()).isEqualTo(new BigDecimal("12.00"));
    assertThat(ledger.annual(Side.EXPORTS).value()).isEqualTo(new BigDecimal("12.00"));
    assertThat(ledger.monthsBooked()).isEqualTo(1);
  }

  @Test
  void givenALedger_whenWithMonthOrRelease_thenTheOriginalIsUnchanged() {
    YearLedger original = YearLedger.empty(2023).withMonth(Side.EXPORTS, 1, usd("1.00"));

    YearLedger changed =
        original
            .withMonth(Side.EXPORTS, 1, usd("9.00"))
            .withAnnual(Side.EXPORTS, usd("99.00"))
            .withReleased(Side.EXPORTS, ALL);

    assertThat(original.booked(Side.EXPORTS, 1)).isEqualTo(new BigDecimal("1.00"));
    assertThat(original.annualRecord(Side.EXPORTS)).isNull();
    assertThat(original.releasedMask(Side.EXPORTS)).isZero();
    assertThat(changed.booked(Side.EXPORTS, 1)).isEqualTo(new BigDecimal("9.00"));
    assertThat(changed.annualRecord(Side.EXPORTS)).isEqualTo(new BigDecimal("99.00"));
  }

  @Test
  void givenReleasedMonths_whenYtdAndFromMonth_thenSumsOfTheCalendarRange() {
    YearLedger ledger = YearLedger.empty(2023);
    for (int m = 1; m <= 12; m++) {
      ledger = ledger.withMonth(Side.EXPORTS, m, BigDecimal.valueOf(m));
    }
    ledger = bothReleased(ledger, ALL);

    assertThat(ledger.ytd(Side.EXPORTS, 3).value()).isEqualTo(new BigDecimal("6.00"));
    assertThat(ledger.fromMonth(Side.EXPORTS, 4).value()).isEqualTo(new BigDecimal("72.00"));
    assertThat(ledger.ytd(Side.EXPORTS, 12).value()).isEqualTo(new BigDecimal("78.00"));
    assertThat(ledger.ytd(Side.IMPORTS, 12).value())
        .as("imports released without figures: zero")
        .isEqualTo(new BigDecimal("0.00"));
    assertThat(ledger.monthsReleased(Side.EXPORTS, 5)).isEqualTo(5);
  }

  @Test
  void givenMonthsOnEitherSide_whenBookedAndKnown_thenUnionOfBothSidesAndReleases() {
    YearLedger ledger =
        YearLedger.empty(2023)
            .withMonth(Side.IMPORTS, 3, usd("1.00"))
            .withMonth(Side.EXPORTS, 5, usd("1.00"))
            .withReleased(Side.EXPORTS, released(7, 7));

    assertThat(ledger.booked(5)).isTrue();
    assertThat(ledger.booked(4)).isFalse();
    assertThat(ledger.known(7)).as("released, nothing booked").isTrue();
    assertThat(ledger.known(4)).isFalse();
    assertThat(ledger.monthsBooked()).isEqualTo(2);
    assertThat(ledger.monthMask(Side.IMPORTS)).isEqualTo(0b100);
  }

  @Test
  void givenBookedMonths_whenReleasedWhereBooked_thenExactlyThoseMonthsCount() {
    YearLedger ledger =
        YearLedger.empty(2023)
            .withMonth(Side.EXPORTS, 2, usd("4.00"))
            .withMonth(Side.IMPORTS, 3, usd("1.00"))
            .releasedWhereBooked();

    assertThat(ledger.releasedMask(Side.EXPORTS)).isEqualTo(0b10);
    assertThat(ledger.releasedMask(Side.IMPORTS)).isEqualTo(0b100);
  }

  @Test
  void givenNothing_whenEmpty_thenEmptyAndIncomplete() {
    YearLedger ledger = YearLedger.empty(2023);

    assertThat(ledger.isEmpty()).isTrue();
    assertThat(ledger.complete()).isFalse();
    assertThat(ledger.year()).isEqualTo(2023);
  }

  @Test
  void givenAMonthOutsideOneToTwelve_whenWithMonth_thenRejectedWithTheMonth() {
    assertThatThrownBy(() -> YearLedger.empty(2023).withMonth(Side.EXPORTS, 13, usd("1.00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("month must be 1-12, was 13");
    assertThatThrownBy(() -> YearLedger.empty(2023).ytd(Side.EXPORTS, 0))
        .hasMessage("month must be 1-12, was 0");
  }

  @Test
  void givenAFractionOfACent_whenWithMonth_thenRefusesToRound() {
    assertThatThrownBy(() -> YearLedger.empty(2023).withMonth(Side.EXPORTS, 1, usd("1.234")))
        .isInstanceOf(ArithmeticException.class);
  }
}
