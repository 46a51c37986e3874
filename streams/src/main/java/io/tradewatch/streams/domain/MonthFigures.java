package io.tradewatch.streams.domain;

import java.math.BigDecimal;

/**
 * A series' figures for one month. Trailing-12-month sums and growth rates are null where the
 * history does not cover them.
 */
public record MonthFigures(
    int year,
    int month,
    BigDecimal exports,
    BigDecimal imports,
    BigDecimal ytdExports,
    BigDecimal ytdImports,
    BigDecimal t12mExports,
    BigDecimal t12mImports,
    BigDecimal exportsYoyPct,
    BigDecimal importsYoyPct,
    BigDecimal turnoverYoyPct,
    BigDecimal ytdExportsYoyPct,
    BigDecimal ytdImportsYoyPct,
    BigDecimal ytdTurnoverYoyPct,
    BigDecimal t12mTurnoverYoyPct) {

  public BigDecimal turnover() {
    return exports.add(imports);
  }

  public BigDecimal balance() {
    return exports.subtract(imports);
  }

  public BigDecimal ytdTurnover() {
    return ytdExports.add(ytdImports);
  }

  public BigDecimal t12mTurnover() {
    return t12mExports == null ? null : t12mExports.add(t12mImports);
  }
}
