package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.util.Map;

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
    nullReasons = Map.copyOf(nullReasons);
  }
}
