package io.tradewatch.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class GrowthTest {

  private static BigDecimal usd(String value) {
    return new BigDecimal(value);
  }

  @Test
  void given2023Against2022_whenPercentChange_thenFourDecimalsHalfEven() {
    // (53,100,000 - 43,130,000) * 100 / 43,130,000 = 23.11616044... (python decimal)
    BigDecimal pct = Growth.percentChange(usd("53100000.00"), usd("43130000.00"));

    assertThat(pct).isEqualTo(new BigDecimal("23.1162"));
  }

  @Test
  void given2023Against2022_whenPercentChange_thenWithinPublishedRoundingOfPlus23Point1() {
    BigDecimal pct = Growth.percentChange(usd("53100000.00"), usd("43130000.00"));

    assertThat(pct).isCloseTo(new BigDecimal("23.1"), within(new BigDecimal("0.2")));
  }

  @Test
  void givenAHalfwayFifthDecimal_whenPercentChange_thenRoundsHalfEven() {
    // 1.00005 % and 1.00015 %: exact halves at the fifth decimal
    assertThat(Growth.percentChange(usd("10100.005"), usd("10000")))
        .isEqualTo(new BigDecimal("1.0000"));
    assertThat(Growth.percentChange(usd("10100.015"), usd("10000")))
        .isEqualTo(new BigDecimal("1.0002"));
  }

  @Test
  void givenADecline_whenPercentChange_thenNegative() {
    assertThat(Growth.percentChange(usd("50.00"), usd("100.00")))
        .isEqualTo(new BigDecimal("-50.0000"));
  }

  @Test
  void givenZeroBase_whenPercentChange_thenNull() {
    assertThat(Growth.percentChange(usd("100.00"), usd("0.00"))).isNull();
  }

  @Test
  void givenMissingFigures_whenPercentChange_thenNull() {
    assertThat(Growth.percentChange(null, usd("100.00"))).isNull();
    assertThat(Growth.percentChange(usd("100.00"), null)).isNull();
  }

  @Test
  void givenNegativeBase_whenPercentChange_thenSignFollowsTheDirectionOfChange() {
    // net FDI flow from -5 (disinvestment) to +10 is an increase, not a decrease
    assertThat(Growth.percentChange(usd("10.00"), usd("-5.00")))
        .isEqualTo(new BigDecimal("300.0000"));
    assertThat(Growth.percentChange(usd("-10.00"), usd("-5.00")))
        .isEqualTo(new BigDecimal("-100.0000"));
  }

  @Test
  void given2018And2023Turnover_whenMultiple_thenThreePointFiveTimes() {
    // 53,100,000 / 15,170,000 = 3.500329597...
    assertThat(Growth.multiple(usd("53100000.00"), usd("15170000.00")))
        .isEqualTo(new BigDecimal("3.5003"));
  }

  @Test
  void givenZeroOrNegativeBase_whenMultiple_thenNull() {
    assertThat(Growth.multiple(usd("10.00"), usd("0.00"))).isNull();
    assertThat(Growth.multiple(usd("10.00"), usd("-1.00"))).isNull();
    assertThat(Growth.multiple(null, usd("1.00"))).isNull();
  }

  @Test
  void given2018And2023Turnover_whenCagrOverFiveYears_thenAbout28Point48Percent() {
    // (53,100,000 / 15,170,000)^(1/5) - 1 = 0.2847593531... (python decimal, 50 digits)
    assertThat(Growth.cagrPercent(usd("53100000.00"), usd("15170000.00"), 5))
        .isEqualTo(new BigDecimal("28.4759"));
  }

  @Test
  void givenEightfoldInThreeYears_whenCagr_thenExactlyDoubling() {
    assertThat(Growth.cagrPercent(usd("8.00"), usd("1.00"), 3))
        .isEqualTo(new BigDecimal("100.0000"));
  }

  @Test
  void givenAnEighthInThreeYears_whenCagr_thenExactlyHalving() {
    assertThat(Growth.cagrPercent(usd("1.00"), usd("8.00"), 3))
        .isEqualTo(new BigDecimal("-50.0000"));
  }

  @Test
  void givenOneYear_whenCagr_thenEqualsPercentChange() {
    assertThat(Growth.cagrPercent(usd("53100000.00"), usd("43130000.00"), 1))
        .isEqualTo(new BigDecimal("23.1162"));
  }

  @Test
  void givenNonPositiveValuesOrYears_whenCagr_thenNull() {
    assertThat(Growth.cagrPercent(usd("10.00"), usd("0.00"), 5)).isNull();
    assertThat(Growth.cagrPercent(usd("0.00"), usd("10.00"), 5)).isNull();
    assertThat(Growth.cagrPercent(usd("-1.00"), usd("10.00"), 5)).isNull();
    assertThat(Growth.cagrPercent(usd("10.00"), usd("5.00"), 0)).isNull();
    assertThat(Growth.cagrPercent(null, usd("5.00"), 5)).isNull();
  }

  @Test
  void givenAPerfectPower_whenNthRoot_thenExactToTwentyDecimals() {
    assertThat(Growth.nthRoot(new BigDecimal("32"), 5))
        .isCloseTo(new BigDecimal("2"), within(new BigDecimal("1E-20")));
    assertThat(Growth.nthRoot(new BigDecimal("0.001"), 3))
        .isCloseTo(new BigDecimal("0.1"), within(new BigDecimal("1E-20")));
  }
}
