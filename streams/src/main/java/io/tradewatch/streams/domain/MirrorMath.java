package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Mirror statistics: one trade flow as its exporter and its importer report it. Imports are usually
 * valued CIF (with freight and insurance) and exports FOB, so imports are divided by a CIF/FOB
 * factor before the two are compared (1 leaves them as reported; the IMF uses 1.06 when nothing
 * better is known).
 */
public final class MirrorMath {
  public static final BigDecimal NO_ADJUSTMENT = BigDecimal.ONE.setScale(4);

  private MirrorMath() {}

  /** Imports converted to FOB, to the cent (half-even: a derived comparison figure). */
  public static BigDecimal importsFob(BigDecimal importsCif, BigDecimal cifFobFactor) {
    if (cifFobFactor.signum() <= 0) {
      throw new IllegalArgumentException("CIF/FOB factor must be positive, was " + cifFobFactor);
    }
    return importsCif.divide(cifFobFactor, Money.SCALE, RoundingMode.HALF_EVEN);
  }

  /** How much more the importer reports than the exporter, after adjustment. */
  public static BigDecimal gap(BigDecimal exports, BigDecimal importsFob) {
    return Money.usd(importsFob.subtract(exports));
  }

  /** The gap as a percentage of the exporter's figure; null when that is zero. */
  public static BigDecimal gapPct(BigDecimal exports, BigDecimal importsFob) {
    return Growth.percentChange(importsFob, exports);
  }
}
