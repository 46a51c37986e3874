package io.tradewatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Frequency;
import io.tradewatch.avro.TradeRecord;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TradeFiguresTest {

  @Test
  void givenAMonthlyHs4Cell_whenBuilt_thenKeyFrequencyAndLevelFollowFromIt() {
    // given
    TradeFigures.Cell cell = new TradeFigures.Cell("KZ-BNS", "KAZ", "ARM", Flow.X, 2023, 3, "0402");

    // when
    TradeRecord r = TradeFigures.of(cell).setValueUsd(new BigDecimal("1250.00")).build();

    // then
    assertThat(r.getRecordKey()).isEqualTo("KZ-BNS|KAZ|ARM|X|2023-03|0402");
    assertThat(r.getFrequency()).isEqualTo(Frequency.M);
    assertThat(r.getHsLevel()).isEqualTo(4);
    assertThat(r.getRevision()).isEqualTo(1);
    assertThat(r.getNetWeightKg()).isNull();
    assertThat(r.getValueUsd()).isEqualByComparingTo("1250.00");
  }

  @Test
  void givenAnAnnualTotalCell_whenBuilt_thenItIsAnnualAtLevelZero() {
    // given
    TradeFigures.Cell cell =
        new TradeFigures.Cell("AM-ARMSTAT", "ARM", "KAZ", Flow.M, 2022, null, Keys.TOTAL);

    // when
    TradeRecord r =
        TradeFigures.of(cell).setRevision(2).setValueUsd(new BigDecimal("9.00")).build();

    // then
    assertThat(r.getRecordKey()).isEqualTo("AM-ARMSTAT|ARM|KAZ|M|2022|TOTAL");
    assertThat(r.getFrequency()).isEqualTo(Frequency.A);
    assertThat(r.getMonth()).isNull();
    assertThat(r.getHsLevel()).isZero();
    assertThat(r.getRevision()).isEqualTo(2);
  }
}
