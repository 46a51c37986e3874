package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A series' figures for one calendar year. Values are the annual record or the sum of the released
 * months, with their completeness per side; growth compares complete years only (per side, and both
 * sides for turnover), and is otherwise null with the reason in {@code nullReasons}.
 */
public record AnnualFigures(
    int year,
    AnnualValue exports,
    AnnualValue imports,
    int monthsReported,
    BigDecimal exportsYoyPct,
    BigDecimal importsYoyPct,
    BigDecimal turnoverYoyPct,
    BigDecimal turnoverMultiple5y,
    BigDecimal turnoverCagr5yPct,
    Map<String, String> nullReasons) {

  public AnnualFigures {
    nullReasons = Map.copyOf(nullReasons);
  }

  public BigDecimal turnover() {
    return exports.value().add(imports.value());
  }

  public BigDecimal balance() {
    return exports.value().subtract(imports.value());
  }
}
