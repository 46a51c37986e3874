package io.tradewatch.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewatch.streams.domain.FdiYears.Entry;
import io.tradewatch.streams.domain.FdiYears.Year;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class FdiYearsTest {

  private static Entry annual(int year, String value) {
    return new Entry(year, null, new BigDecimal(value));
  }

  private static Entry quarter(int year, int quarter, String value) {
    return new Entry(year, quarter, new BigDecimal(value));
  }

  @Test
  void givenAnnualRecordAndQuarters_whenYears_thenTheAnnualRecordWins() {
    List<Year> years =
        FdiYears.years(
            List.of(
                quarter(2023, 1, "1000000.00"),
                quarter(2023, 2, "1000000.00"),
                annual(2023, "6000000.00"),
                quarter(2023, 3, "1000000.00")));

    assertThat(years).hasSize(1);
    assertThat(years.get(0).value()).isEqualTo(new BigDecimal("6000000.00"));
    assertThat(years.get(0).basis()).isEqualTo(Basis.ANNUAL_RECORD);
    assertThat(years.get(0).cumulative()).isEqualTo(new BigDecimal("6000000.00"));
  }

  @Test
  void givenOnlyQuarters_whenYears_thenTheirSum() {
    List<Year> years =
        FdiYears.years(
            List.of(
                quarter(2022, 1, "500000.00"),
                quarter(2022, 2, "750000.00"),
                quarter(2022, 3, "250000.50"),
                quarter(2022, 4, "1499999.50")));

    assertThat(years.get(0).value()).isEqualTo(new BigDecimal("3000000.00"));
    assertThat(years.get(0).basis()).isEqualTo(Basis.PERIOD_SUM);
  }

  @Test
  void given2022And2023Inflows_whenYears_thenCumulativeAndDoubling() {
    List<Year> years =
        FdiYears.years(List.of(annual(2023, "6000000.00"), annual(2022, "3000000.00")));

    assertThat(years).extracting(Year::year).containsExactly(2022, 2023);
    assertThat(years.get(0).yoyPct()).as("no year before the first").isNull();
    assertThat(years.get(1).cumulative()).isEqualTo(new BigDecimal("9000000.00"));
    assertThat(years.get(1).yoyPct()).isEqualTo(new BigDecimal("100.0000"));
    assertThat(years).allSatisfy(y -> assertThat(y.firstYear()).isEqualTo(2022));
  }

  @Test
  void givenAGapYear_whenYears_thenTheGapIsNoneWithZeroAndBreaksTheYoy() {
    List<Year> years =
        FdiYears.years(
            List.of(annual(2005, "100.00"), annual(2007, "300.00"), annual(2008, "450.00")));

    assertThat(years).extracting(Year::year).containsExactly(2005, 2006, 2007, 2008);
    Year gap = years.get(1);
    assertThat(gap.basis()).isEqualTo(Basis.NONE);
    assertThat(gap.value()).isEqualTo(new BigDecimal("0.00"));
    assertThat(gap.yoyPct()).isNull();
    assertThat(gap.cumulative()).isEqualTo(new BigDecimal("100.00"));
    assertThat(years.get(2).yoyPct()).as("no figure for 2006 to compare with").isNull();
    assertThat(years.get(3).yoyPct()).isEqualTo(new BigDecimal("50.0000"));
    assertThat(years.get(3).cumulative()).isEqualTo(new BigDecimal("850.00"));
  }

  @Test
  void givenANegativeNetFlow_whenYears_thenItReducesTheCumulativeSum() {
    List<Year> years =
        FdiYears.years(
            List.of(
                annual(2021, "5000000.00"),
                annual(2022, "-2000000.00"),
                annual(2023, "3000000.00")));

    assertThat(years.get(1).value()).isEqualTo(new BigDecimal("-2000000.00"));
    assertThat(years.get(1).cumulative()).isEqualTo(new BigDecimal("3000000.00"));
    assertThat(years.get(1).yoyPct()).isEqualTo(new BigDecimal("-140.0000"));
    assertThat(years.get(2).cumulative()).isEqualTo(new BigDecimal("6000000.00"));
    // from -2 M (disinvestment) to +3 M is an increase of 5 M on a base of 2 M
    assertThat(years.get(2).yoyPct()).isEqualTo(new BigDecimal("250.0000"));
  }

  @Test
  void givenAZeroYear_whenYears_thenTheNextYearHasNoYoy() {
    List<Year> years = FdiYears.years(List.of(annual(2005, "0.00"), annual(2006, "84250.00")));

    assertThat(years.get(1).yoyPct()).isNull();
    assertThat(years.get(1).cumulative()).isEqualTo(new BigDecimal("84250.00"));
  }

  @Test
  void givenTwentyYearsOfInflows_whenYears_thenTheCumulativeIsTheExactSum() {
    // 2005-2020: 0.68 M a year (10.88 M), 2021: 0.72 M, 2022: 3 M, 2023: 6 M: 20.6 M in all
    List<Entry> entries = new java.util.ArrayList<>();
    for (int y = 2005; y <= 2020; y++) {
      entries.add(annual(y, "680000.00"));
    }
    entries.add(annual(2021, "720000.00"));
    entries.add(annual(2022, "3000000.00"));
    entries.add(annual(2023, "6000000.00"));

    List<Year> years = FdiYears.years(entries);

    assertThat(years).hasSize(19);
    assertThat(years.get(years.size() - 1).cumulative()).isEqualTo(new BigDecimal("20600000.00"));
  }

  @Test
  void givenNothing_whenYears_thenEmpty() {
    assertThat(FdiYears.years(List.of())).isEmpty();
  }

  @Test
  void givenAFractionOfACent_whenYears_thenRefusesToRound() {
    assertThatThrownBy(() -> FdiYears.years(List.of(annual(2023, "1.234"))))
        .isInstanceOf(ArithmeticException.class);
  }
}
