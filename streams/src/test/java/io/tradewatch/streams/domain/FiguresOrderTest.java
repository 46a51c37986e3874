package io.tradewatch.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A figure's null reasons come out in field-name order, so it encodes to the same bytes. */
class FiguresOrderTest {
  private static final List<String> FIELDS =
      List.of("exportsYoyPct", "t12mTurnover", "turnoverYoyPct", "ytdTurnover", "balance");

  @Test
  void givenNullReasonsInAnyOrder_whenAMonthsFiguresAreMade_thenTheyIterateByFieldName() {
    // Given the same reasons gathered in two orders
    Map<String, String> forwards = new LinkedHashMap<>();
    Map<String, String> backwards = new LinkedHashMap<>();
    FIELDS.forEach(f -> forwards.put(f, "2024-02 not released"));
    reversed().forEach(f -> backwards.put(f, "2024-02 not released"));

    // When a month's figures are made with each
    MonthFigures a = month(forwards);
    MonthFigures b = month(backwards);

    // Then both list the reasons by field name
    List<String> sorted = FIELDS.stream().sorted().toList();
    assertThat(List.copyOf(a.nullReasons().keySet())).isEqualTo(sorted);
    assertThat(List.copyOf(b.nullReasons().keySet())).isEqualTo(sorted);
  }

  @Test
  void givenNullReasonsInAnyOrder_whenAYearsFiguresAreMade_thenTheyIterateByFieldName() {
    Map<String, String> backwards = new LinkedHashMap<>();
    reversed().forEach(f -> backwards.put(f, "not released"));

    AnnualFigures year =
        new AnnualFigures(2024, null, null, 0, null, null, null, null, null, backwards);

    assertThat(List.copyOf(year.nullReasons().keySet()))
        .isEqualTo(FIELDS.stream().sorted().toList());
  }

  private static List<String> reversed() {
    List<String> out = new ArrayList<>(FIELDS);
    Collections.reverse(out);
    return out;
  }

  private static MonthFigures month(Map<String, String> reasons) {
    BigDecimal none = null;
    return new MonthFigures(
        2024, 2, none, none, none, none, none, none, none, none, none, none, none, none, none, none,
        none, none, none, 0, 0, reasons);
  }
}
