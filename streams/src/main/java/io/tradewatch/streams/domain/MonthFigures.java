package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A series' figures for one month. Each is null where its window is not released (or, for growth,
 * where the base is zero or the rate cannot be represented); {@code nullReasons} says why, keyed by
 * the output field's name.
 */
public record MonthFigures(
    int year,
    int month,
    BigDecimal exports,
    BigDecimal imports,
    BigDecimal turnover,
    BigDecimal balance,
    BigDecimal ytdExports,
    BigDecimal ytdImports,
    BigDecimal ytdTurnover,
    BigDecimal t12mExports,
    BigDecimal t12mImports,
    BigDecimal t12mTurnover,
    BigDecimal exportsYoyPct,
    BigDecimal importsYoyPct,
    BigDecimal turnoverYoyPct,
    BigDecimal ytdExportsYoyPct,
    BigDecimal ytdImportsYoyPct,
    BigDecimal ytdTurnoverYoyPct,
    BigDecimal t12mTurnoverYoyPct,
    int exportsMonthsCovered,
    int importsMonthsCovered,
    Map<String, String> nullReasons) {

  public MonthFigures {
    // In field-name order: the encoded figure is then the same bytes in every JVM (Map.copyOf's
    // iteration order changes from one JVM start to the next).
    nullReasons = Collections.unmodifiableSortedMap(new TreeMap<>(nullReasons));
  }
}
