package io.tradewatch.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HsPrecedenceTest {

  private static BigDecimal usd(String value) {
    return new BigDecimal(value);
  }

  @Test
  void givenTotalAndAChapter_whenResolve_thenTotalStandsForTheChapter() {
    BigDecimal value = HsPrecedence.resolve(Map.of("TOTAL", usd("100.00"), "24", usd("30.00")));

    assertThat(value).isEqualTo(new BigDecimal("100.00"));
  }

  @Test
  void givenChapterItsHeadingAndAnotherChapter_whenResolve_thenHeadingIsNotCountedTwice() {
    BigDecimal value =
        HsPrecedence.resolve(Map.of("24", usd("30.00"), "2402", usd("10.00"), "27", usd("5.00")));

    assertThat(value).isEqualTo(new BigDecimal("35.00"));
  }

  @Test
  void givenThreeLevelsOfOneChapter_whenResolve_thenOnlyTheCoarsestCounts() {
    BigDecimal value =
        HsPrecedence.resolve(
            Map.of("24", usd("30.00"), "2402", usd("10.00"), "240220", usd("7.00")));

    assertThat(value).isEqualTo(new BigDecimal("30.00"));
  }

  @Test
  void givenOnlyFineCodes_whenResolve_thenTheirSum() {
    BigDecimal value =
        HsPrecedence.resolve(
            Map.of("2402", usd("10.00"), "2403", usd("2.50"), "0806", usd("0.25")));

    assertThat(value).isEqualTo(new BigDecimal("12.75"));
  }

  @Test
  void givenSiblingCodesSharingDigitsButNotAPrefix_whenResolve_thenBothCount() {
    // neither code is a prefix of the other
    BigDecimal value = HsPrecedence.resolve(Map.of("2402", usd("10.00"), "2403", usd("4.00")));

    assertThat(value).isEqualTo(new BigDecimal("14.00"));
  }

  @Test
  void givenLeadingZeroCodes_whenResolve_thenTreatedAsStrings() {
    BigDecimal value =
        HsPrecedence.resolve(Map.of("08", usd("20.00"), "0806", usd("15.00"), "806", usd("1.00")));

    assertThat(value).as("'806' is not under '08'").isEqualTo(new BigDecimal("21.00"));
  }

  @Test
  void givenNothing_whenResolve_thenZeroAtCentScale() {
    assertThat(HsPrecedence.resolve(Map.of())).isEqualTo(new BigDecimal("0.00"));
  }

  @Test
  void givenAProductList_whenInScope_thenCodesUnderAListedCodeAreIn() {
    List<String> products = List.of("72", "2402");

    assertThat(HsPrecedence.inScope("7201", products)).isTrue();
    assertThat(HsPrecedence.inScope("72", products)).isTrue();
    assertThat(HsPrecedence.inScope("240220", products)).isTrue();
    assertThat(HsPrecedence.inScope("24", products)).as("coarser than listed").isFalse();
    assertThat(HsPrecedence.inScope("2403", products)).isFalse();
    assertThat(HsPrecedence.inScope("TOTAL", products)).isFalse();
  }

  @Test
  void givenAnEmptyProductList_whenInScope_thenEverythingIsIn() {
    assertThat(HsPrecedence.inScope("2402", List.of())).isTrue();
    assertThat(HsPrecedence.inScope("TOTAL", List.of())).isTrue();
  }

  @Test
  void givenRandomCellsOfMixedLevels_whenResolved_thenEachCodeCountsUnlessAnotherCoversIt() {
    Random random = new Random(20_261_207L);
    String[] levels = {"", "2", "27", "270", "2709", "270900", "27090010", "TOTAL", "28", "2801"};
    for (int cell = 0; cell < 2_000; cell++) {
      Map<String, BigDecimal> byCode = new TreeMap<>();
      int size = random.nextInt(8);
      for (int i = 0; i < size; i++) {
        String code =
            random.nextInt(4) == 0
                ? levels[random.nextInt(levels.length)]
                : String.format("%0" + (2 + 2 * random.nextInt(3)) + "d", random.nextInt(100));
        byCode.put(code, BigDecimal.valueOf(random.nextInt(1_000_000), 2));
      }

      // The rule as written: a code counts unless another reported code covers it.
      BigDecimal expected = Money.ZERO;
      for (Map.Entry<String, BigDecimal> e : byCode.entrySet()) {
        boolean covered =
            byCode.keySet().stream()
                .anyMatch(
                    other -> !other.equals(e.getKey()) && HsPrecedence.covers(other, e.getKey()));
        expected = covered ? expected : Money.add(expected, e.getValue());
      }

      assertThat(HsPrecedence.resolve(byCode)).as("cell %s", byCode).isEqualTo(expected);
    }
  }

  @Test
  void
      givenRandomBookingsIntoOneCell_whenTheSumIsCarriedFromBookingToBooking_thenItEqualsAFreshPass() {
    Random random = new Random(20_261_208L);
    String[] levels = {"", "2", "27", "270", "2709", "270900", "27090010", "TOTAL", "28", "2801"};
    for (int cell = 0; cell < 500; cell++) {
      TreeMap<String, BigDecimal> byCode = new TreeMap<>();
      BigDecimal carried = Money.ZERO;
      for (int booking = 0; booking < 12; booking++) {
        String code =
            random.nextInt(3) == 0
                ? levels[random.nextInt(levels.length)]
                : String.format("%0" + (2 + 2 * random.nextInt(3)) + "d", random.nextInt(30));
        BigDecimal value = BigDecimal.valueOf(random.nextInt(1_000_000), 2);
        List<Map.Entry<String, BigDecimal>> before = List.copyOf(byCode.entrySet());

        carried =
            HsPrecedence.uncoveredSumAfter(
                ascending(before), before.size(), carried, code, byCode.get(code), value);
        byCode.put(code, value);

        List<Map.Entry<String, BigDecimal>> after = List.copyOf(byCode.entrySet());
        assertThat(carried)
            .as("cell %s after booking %s = %s", byCode, code, value)
            .isEqualTo(HsPrecedence.uncoveredSum(ascending(after), 0, after.size()));
      }
      Map<String, BigDecimal> withoutTotal = new TreeMap<>(byCode);
      withoutTotal.remove(HsPrecedence.TOTAL);
      assertThat(carried)
          .as("the sum leaves TOTAL out: %s", byCode)
          .isEqualTo(HsPrecedence.resolve(withoutTotal));
    }
  }

  private static HsPrecedence.Ascending ascending(List<Map.Entry<String, BigDecimal>> figures) {
    return HsPrecedence.Ascending.of(figures, Map.Entry::getKey, Map.Entry::getValue);
  }
}
