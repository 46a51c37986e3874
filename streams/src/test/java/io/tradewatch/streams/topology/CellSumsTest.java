package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.internal.HsValue;
import io.tradewatch.schemas.Keys;
import io.tradewatch.streams.domain.HsPrecedence;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CellSumsTest {
  private static final String[] CHAPTERS = {"27", "28", "84"};

  @Test
  void
      givenFiguresBookedOneAfterAnother_whenResolved_thenEveryGroupEqualsTheRuleOverTheWholeCell() {
    Random random = new Random(20_261_207L);
    for (int run = 0; run < 300; run++) {
      CellSums sums = new CellSums();
      TreeMap<String, BigDecimal> byCode = new TreeMap<>();
      List<HsValue> cell = List.of();
      for (int booking = 0; booking < 25; booking++) {
        String code = randomCode(random);
        BigDecimal value = BigDecimal.valueOf(random.nextInt(1_000_000), 2);
        BigDecimal previous = byCode.put(code, value);
        List<HsValue> after = cellOf(byCode);

        sums.booked(cell, after, code, previous, value);
        cell = after;

        for (String group : groupsToCheck(random, code)) {
          assertThat(sums.resolved(group))
              .as("%s in %s after booking %s", group, byCode, code)
              .isEqualTo(expected(byCode, group));
        }
      }
    }
  }

  @Test
  void givenACellReadBackFromTheStore_whenBooked_thenItsSumsAreTakenAfresh() {
    CellSums sums = new CellSums();
    List<HsValue> first = cellOf(new TreeMap<>(Map.of("2709", usd("10.00"))));
    sums.booked(List.of(), first, "2709", null, usd("10.00"));
    assertThat(sums.resolved("27")).isEqualTo(usd("10.00"));

    // The store hands back another list (decoded after a commit), here with a revised value.
    TreeMap<String, BigDecimal> revised = new TreeMap<>(Map.of("2709", usd("12.00")));
    List<HsValue> readBack = cellOf(revised);
    revised.put("2710", usd("5.00"));
    sums.booked(readBack, cellOf(revised), "2710", null, usd("5.00"));

    assertThat(sums.resolved(Keys.TOTAL)).isEqualTo(usd("17.00"));
    assertThat(sums.resolved("27")).isEqualTo(usd("17.00"));
  }

  private static String randomCode(Random random) {
    int pick = random.nextInt(20);
    if (pick == 0) {
      return Keys.TOTAL;
    }
    String chapter = CHAPTERS[random.nextInt(CHAPTERS.length)];
    return switch (pick % 3) {
      case 0 -> chapter;
      case 1 -> chapter + String.format("%02d", random.nextInt(4));
      default -> chapter + String.format("%02d%02d", random.nextInt(4), random.nextInt(4));
    };
  }

  /** The booked code's groups, and one chapter at random (resolved or not before). */
  private static List<String> groupsToCheck(Random random, String code) {
    List<String> groups = new ArrayList<>(List.of(Keys.TOTAL, Keys.hsChapter(code)));
    groups.add(CHAPTERS[random.nextInt(CHAPTERS.length)]);
    return groups;
  }

  /** The rule as written, over the codes of the group. */
  private static BigDecimal expected(Map<String, BigDecimal> byCode, String group) {
    if (Keys.TOTAL.equals(group)) {
      return HsPrecedence.resolve(byCode);
    }
    return HsPrecedence.resolve(
        byCode.entrySet().stream()
            .filter(e -> e.getKey().startsWith(group))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  private static List<HsValue> cellOf(TreeMap<String, BigDecimal> byCode) {
    List<HsValue> cell = new ArrayList<>();
    byCode.forEach((code, value) -> cell.add(new HsValue(code, value, 1, 1, value)));
    return cell;
  }

  private static BigDecimal usd(String value) {
    return new BigDecimal(value);
  }
}
