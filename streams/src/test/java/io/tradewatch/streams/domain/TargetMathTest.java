package io.tradewatch.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TargetMathTest {

  private static final BigDecimal TARGET = new BigDecimal("350000000.00");
  private static final BigDecimal ACHIEVED_2023 = new BigDecimal("53100000.00");

  @Test
  void given53Point1MillionAgainst350Million_whenProgress_thenPercentWithFourDecimals() {
    // 53.1 / 350 = 15.171428...%
    assertThat(TargetMath.progressPct(ACHIEVED_2023, TARGET)).isEqualTo(new BigDecimal("15.1714"));
  }

  @Test
  void givenTheTargetExceeded_whenProgress_thenAboveHundred() {
    assertThat(TargetMath.progressPct(new BigDecimal("420000000.00"), TARGET))
        .isEqualTo(new BigDecimal("120.0000"));
  }

  @Test
  void givenNothingAchieved_whenProgress_thenZero() {
    assertThat(TargetMath.progressPct(Money.ZERO, TARGET)).isEqualByComparingTo("0");
  }

  @Test
  void givenANonPositiveTarget_whenProgress_thenRejectedNamingTheTarget() {
    assertThatThrownBy(() -> TargetMath.progressPct(ACHIEVED_2023, new BigDecimal("0.00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("target must be positive, was 0.00");
  }

  @Test
  void givenBase2023AndDeadline2030_whenSchedule_thenStraightLineRoundedToCents() {
    // 53,100,000 + 296,900,000 * 3/7 = 180,342,857.142857...
    assertThat(TargetMath.schedule(ACHIEVED_2023, TARGET, 2023, 2030, 2026))
        .isEqualTo(new BigDecimal("180342857.14"));
    // 53,100,000 + 296,900,000 * 2/7 = 137,928,571.428571...
    assertThat(TargetMath.schedule(ACHIEVED_2023, TARGET, 2023, 2030, 2025))
        .isEqualTo(new BigDecimal("137928571.43"));
  }

  @Test
  void givenTheEndsOfTheLine_whenSchedule_thenBaseFigureAndTarget() {
    assertThat(TargetMath.schedule(ACHIEVED_2023, TARGET, 2023, 2030, 2023))
        .isEqualTo(new BigDecimal("53100000.00"));
    assertThat(TargetMath.schedule(ACHIEVED_2023, TARGET, 2023, 2030, 2030))
        .isEqualTo(new BigDecimal("350000000.00"));
  }

  @Test
  void givenNoDeadlineOrAYearOutsideTheLine_whenSchedule_thenNull() {
    assertThat(TargetMath.schedule(ACHIEVED_2023, TARGET, 2023, null, 2025)).isNull();
    assertThat(TargetMath.schedule(null, TARGET, 2023, 2030, 2025)).isNull();
    assertThat(TargetMath.schedule(ACHIEVED_2023, TARGET, 2023, 2023, 2023)).isNull();
    assertThat(TargetMath.schedule(ACHIEVED_2023, TARGET, 2023, 2030, 2022)).isNull();
    assertThat(TargetMath.schedule(ACHIEVED_2023, TARGET, 2023, 2030, 2031)).isNull();
  }

  @Test
  void givenSevenYearsLeft_whenRequiredGrowth_thenCompoundAnnualRate() {
    // (350 / 53.1)^(1/7) - 1 = 30.917052...% (python decimal)
    assertThat(TargetMath.requiredGrowthPct(ACHIEVED_2023, TARGET, 2030, 2023))
        .isEqualTo(new BigDecimal("30.9171"));
  }

  @Test
  void givenThreeYearsLeft_whenRequiredGrowth_thenHigherRate() {
    // (350 / 53.1)^(1/3) - 1 = 87.495640...%
    assertThat(TargetMath.requiredGrowthPct(ACHIEVED_2023, TARGET, 2026, 2023))
        .isEqualTo(new BigDecimal("87.4956"));
  }

  @Test
  void givenTheITServicesTarget_whenRequiredGrowth_thenDoublingInOneYear() {
    // 500 M reached in 2025, 1 B by 2026
    assertThat(
            TargetMath.requiredGrowthPct(
                new BigDecimal("500000000.00"), new BigDecimal("1000000000.00"), 2026, 2025))
        .isEqualTo(new BigDecimal("100.0000"));
  }

  @Test
  void givenNoDeadlineOrTheDeadlineReachedOrNothingAchieved_whenRequiredGrowth_thenNull() {
    assertThat(TargetMath.requiredGrowthPct(ACHIEVED_2023, TARGET, null, 2023)).isNull();
    assertThat(TargetMath.requiredGrowthPct(ACHIEVED_2023, TARGET, 2023, 2023)).isNull();
    assertThat(TargetMath.requiredGrowthPct(ACHIEVED_2023, TARGET, 2022, 2023)).isNull();
    assertThat(TargetMath.requiredGrowthPct(Money.ZERO, TARGET, 2030, 2023)).isNull();
  }
}
