package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

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
    // In field-name order: the encoded figure is then the same bytes in every JVM (Map.copyOf's
    // iteration order changes from one JVM start to the next).
    nullReasons = Collections.unmodifiableSortedMap(new TreeMap<>(nullReasons));
  }

  public BigDecimal turnover() {
    return exports.value().add(imports.value());
  }

  public BigDecimal balance() {
    return exports.value().subtract(imports.value());
  }
}
