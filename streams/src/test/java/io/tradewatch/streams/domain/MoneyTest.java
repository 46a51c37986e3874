package io.tradewatch.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void givenWholeDollars_whenUsd_thenCentScale() {
    BigDecimal amount = Money.usd(new BigDecimal("53100000"));

    assertThat(amount).isEqualTo(new BigDecimal("53100000.00"));
    assertThat(amount.scale()).isEqualTo(2);
  }

  @Test
  void givenTrailingZerosBeyondCents_whenUsd_thenDroppedWithoutRounding() {
    assertThat(Money.usd(new BigDecimal("1.2300"))).isEqualTo(new BigDecimal("1.23"));
  }

  @Test
  void givenFractionOfACent_whenUsd_thenRefusesToRound() {
    assertThatThrownBy(() -> Money.usd(new BigDecimal("1.234")))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void givenTwoAmounts_whenAdd_thenExactSumAtCentScale() {
    assertThat(Money.add(new BigDecimal("33300000.00"), new BigDecimal("19800000")))
        .isEqualTo(new BigDecimal("53100000.00"));
  }

  @Test
  void givenAnAddendWithAFractionOfACent_whenAdd_thenRefusesToRound() {
    assertThatThrownBy(() -> Money.add(new BigDecimal("1.00"), new BigDecimal("0.005")))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void zeroIsAtCentScale() {
    assertThat(Money.ZERO).isEqualTo(new BigDecimal("0.00"));
  }
}
