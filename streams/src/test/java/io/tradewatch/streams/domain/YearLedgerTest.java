package io.tradewatch.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class YearLedgerTest {

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

  @Test
  void givenAnAnnualRecordAndMonths_whenAnnual_thenTheRecordWinsAndMonthsAreNotAdded() {
    YearLedger ledger =
        YearLedger.empty()
            .withMonth(Side.EXPORTS, 1, usd("100.00"))
            .withMonth(Side.EXPORTS, 2, usd("200.00"))
            .withAnnual(Side.EXPORTS, usd("4000.00"));

    AnnualValue exports = ledger.annual(Side.EXPORTS);

    assertThat(exports.value()).isEqualTo(new BigDecimal("4000.00"));
    assertThat(exports.basis()).isEqualTo(Basis.ANNUAL_RECORD);
    assertThat(exports.complete()).isTrue();
    assertThat(ledger.monthsReported()).isEqualTo(2);
    assertThat(ledger.ytd(Side.EXPORTS, 12))
        .as("monthly figures still come from monthly records")
        .isEqualTo(new BigDecimal("300.00"));
  }

  @Test
  void givenTheAnnualRecordArrivesBeforeTheMonths_whenAnnual_thenTheRecordStillWins() {
    YearLedger ledger =
        months(
            YearLedger.empty().withAnnual(Side.IMPORTS, usd("19800000.00")),
            Side.IMPORTS,
            1,
            12,
            "2000000.00");

    assertThat(ledger.annual(Side.IMPORTS).value()).isEqualTo(new BigDecimal("19800000.00"));
    assertThat(ledger.annual(Side.IMPORTS).basis()).isEqualTo(Basis.ANNUAL_RECORD);
  }

  @Test
  void givenJanuaryToJuly_whenAnnual_thenPartialSumOfMonths() {
    YearLedger ledger =
        months(
            months(YearLedger.empty(), Side.EXPORTS, 1, 7, "1000000.00"),
            Side.IMPORTS,
            1,
            7,
            "500000.50");

    AnnualValue exports = ledger.annual(Side.EXPORTS);
    AnnualValue imports = ledger.annual(Side.IMPORTS);

    assertThat(exports.value()).isEqualTo(new BigDecimal("7000000.00"));
    assertThat(exports.basis()).isEqualTo(Basis.PERIOD_SUM);
    assertThat(exports.complete()).isFalse();
    assertThat(imports.value()).isEqualTo(new BigDecimal("3500003.50"));
    assertThat(ledger.monthsReported()).isEqualTo(7);
    assertThat(ledger.complete()).isFalse();
  }

  @Test
  void givenAllTwelveMonths_whenAnnual_thenCompleteSum() {
    YearLedger ledger =
        months(
            months(YearLedger.empty(), Side.EXPORTS, 1, 12, "2775000.00"),
            Side.IMPORTS,
            1,
            12,
            "1650000.00");

    assertThat(ledger.annual(Side.EXPORTS).value()).isEqualTo(new BigDecimal("33300000.00"));
    assertThat(ledger.annual(Side.IMPORTS).value()).isEqualTo(new BigDecimal("19800000.00"));
    assertThat(ledger.annual(Side.EXPORTS).complete()).isTrue();
    assertThat(ledger.complete()).isTrue();
  }

  @Test
  void
      givenTwelveMonthsOfExportsAndOneOfImports_whenComplete_thenTrueAsTheSourceCoveredEveryMonth() {
    YearLedger ledger =
        months(YearLedger.empty(), Side.EXPORTS, 1, 12, "10.00")
            .withMonth(Side.IMPORTS, 1, usd("1.00"));

    assertThat(ledger.complete()).isTrue();
    assertThat(ledger.annual(Side.IMPORTS).value()).isEqualTo(new BigDecimal("1.00"));
    assertThat(ledger.annual(Side.IMPORTS).complete()).isTrue();
  }

  @Test
  void givenAMissingMonth_whenAnnual_thenIncompleteAndTheMonthCountsAsZero() {
    YearLedger withGap = YearLedger.empty();
    for (int m = 1; m <= 12; m++) {
      if (m != 6) {
        withGap = withGap.withMonth(Side.EXPORTS, m, usd("10.00"));
      }
    }

    assertThat(withGap.reported(6)).isFalse();
    assertThat(withGap.month(Side.EXPORTS, 6)).isEqualTo(new BigDecimal("0.00"));
    assertThat(withGap.annual(Side.EXPORTS).value()).isEqualTo(new BigDecimal("110.00"));
    assertThat(withGap.annual(Side.EXPORTS).complete()).isFalse();
    assertThat(withGap.monthsReported()).isEqualTo(11);
  }

  @Test
  void givenOneSideWithNothing_whenAnnual_thenNoneWithZero() {
    YearLedger ledger = YearLedger.empty().withMonth(Side.EXPORTS, 3, usd("5.00"));

    AnnualValue imports = ledger.annual(Side.IMPORTS);

    assertThat(imports.value()).isEqualTo(new BigDecimal("0.00"));
    assertThat(imports.basis()).isEqualTo(Basis.NONE);
    assertThat(imports.complete()).isFalse();
  }

  @Test
  void givenAnnualRecordsOnBothSides_whenComplete_thenTrueWithoutAnyMonth() {
    YearLedger ledger =
        YearLedger.empty()
            .withAnnual(Side.EXPORTS, usd("33300000.00"))
            .withAnnual(Side.IMPORTS, usd("19800000.00"));

    assertThat(ledger.complete()).isTrue();
    assertThat(ledger.isEmpty()).isFalse();
    assertThat(ledger.monthsReported()).isZero();
    assertThat(ledger.firstMonthReported()).isZero();
  }

  @Test
  void givenAMonthReportedTwice_whenMonth_thenTheLaterFigureReplacesTheEarlier() {
    YearLedger ledger =
        YearLedger.empty()
            .withMonth(Side.EXPORTS, 4, usd("10.00"))
            .withMonth(Side.EXPORTS, 4, usd("12.00"));

    assertThat(ledger.month(Side.EXPORTS, 4)).isEqualTo(new BigDecimal("12.00"));
    assertThat(ledger.annual(Side.EXPORTS).value()).isEqualTo(new BigDecimal("12.00"));
    assertThat(ledger.monthsReported()).isEqualTo(1);
  }

  @Test
  void givenALedger_whenWithMonth_thenTheOriginalIsUnchanged() {
    YearLedger original = YearLedger.empty().withMonth(Side.EXPORTS, 1, usd("1.00"));

    YearLedger changed =
        original.withMonth(Side.EXPORTS, 1, usd("9.00")).withAnnual(Side.EXPORTS, usd("99.00"));

    assertThat(original.month(Side.EXPORTS, 1)).isEqualTo(new BigDecimal("1.00"));
    assertThat(original.annualRecord(Side.EXPORTS)).isNull();
    assertThat(changed.month(Side.EXPORTS, 1)).isEqualTo(new BigDecimal("9.00"));
    assertThat(changed.annualRecord(Side.EXPORTS)).isEqualTo(new BigDecimal("99.00"));
  }

  @Test
  void givenMonths_whenYtdAndFromMonth_thenSumsOfTheCalendarRange() {
    YearLedger ledger = YearLedger.empty();
    for (int m = 1; m <= 12; m++) {
      ledger = ledger.withMonth(Side.EXPORTS, m, BigDecimal.valueOf(m));
    }

    assertThat(ledger.ytd(Side.EXPORTS, 3)).isEqualTo(new BigDecimal("6.00"));
    assertThat(ledger.fromMonth(Side.EXPORTS, 4)).isEqualTo(new BigDecimal("72.00"));
    assertThat(ledger.ytd(Side.EXPORTS, 12)).isEqualTo(new BigDecimal("78.00"));
    assertThat(ledger.ytd(Side.IMPORTS, 12)).isEqualTo(new BigDecimal("0.00"));
  }

  @Test
  void givenMonthsOnEitherSide_whenReportedAndFirstMonth_thenUnionOfBothSides() {
    YearLedger ledger =
        YearLedger.empty()
            .withMonth(Side.IMPORTS, 3, usd("1.00"))
            .withMonth(Side.EXPORTS, 5, usd("1.00"));

    assertThat(ledger.firstMonthReported()).isEqualTo(3);
    assertThat(ledger.reported(5)).isTrue();
    assertThat(ledger.reported(4)).isFalse();
    assertThat(ledger.monthsReported()).isEqualTo(2);
    assertThat(ledger.monthMask(Side.IMPORTS)).isEqualTo(0b100);
  }

  @Test
  void givenNothing_whenEmpty_thenEmptyAndIncomplete() {
    YearLedger ledger = YearLedger.empty();

    assertThat(ledger.isEmpty()).isTrue();
    assertThat(ledger.complete()).isFalse();
    assertThat(ledger.firstMonthReported()).isZero();
  }

  @Test
  void givenAMonthOutsideOneToTwelve_whenWithMonth_thenRejectedWithTheMonth() {
    assertThatThrownBy(() -> YearLedger.empty().withMonth(Side.EXPORTS, 13, usd("1.00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("month must be 1-12, was 13");
    assertThatThrownBy(() -> YearLedger.empty().ytd(Side.EXPORTS, 0))
        .hasMessage("month must be 1-12, was 0");
  }

  @Test
  void givenAFractionOfACent_whenWithMonth_thenRefusesToRound() {
    assertThatThrownBy(() -> YearLedger.empty().withMonth(Side.EXPORTS, 1, usd("1.234")))
        .isInstanceOf(ArithmeticException.class);
  }
}
