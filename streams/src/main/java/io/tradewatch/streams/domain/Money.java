package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** US dollar amounts: exact decimals with cents. */
public final class Money {
  public static final int SCALE = 2;
  public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

  private Money() {}

  /** The amount at cent scale; refuses to round (money is never rounded silently). */
  public static BigDecimal usd(BigDecimal amount) {
    return amount.setScale(SCALE, RoundingMode.UNNECESSARY);
  }

  public static BigDecimal add(BigDecimal a, BigDecimal b) {
    return usd(a.add(b));
  }
}
