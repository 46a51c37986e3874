package io.tradewatch.streams.domain;

import java.math.BigDecimal;

/** A series' figures for one calendar year. Growth rates compare complete years only. */
public record AnnualFigures(
    int year,
    AnnualValue exports,
    AnnualValue imports,
    int monthsReported,
    BigDecimal exportsYoyPct,
    BigDecimal importsYoyPct,
    BigDecimal turnoverYoyPct,
    BigDecimal turnoverMultiple5y,
    BigDecimal turnoverCagr5yPct) {

  public BigDecimal turnover() {
    return exports.value().add(imports.value());
  }

  public BigDecimal balance() {
    return exports.value().subtract(imports.value());
  }
}
