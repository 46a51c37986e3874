package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A figure, or why there is none: the window it sums is not released, its base is zero, or it is
 * too large to represent. Outputs show the value, or null with the reason, never a partial sum.
 */
public record Figure(BigDecimal value, String whyNull) {
  public Figure {
    if ((value == null) == (whyNull == null)) {
      throw new IllegalArgumentException("a figure has a value or a reason, not both or neither");
    }
  }

  public static Figure of(BigDecimal value) {
    return new Figure(Objects.requireNonNull(value, "value"), null);
  }

  public static Figure none(String why) {
    return new Figure(null, why);
  }

  public boolean known() {
    return value != null;
  }

  /** The sum, or the first operand's reason for having none. */
  public Figure plus(Figure other) {
    if (!known()) {
      return this;
    }
    return other.known() ? of(value.add(other.value)) : other;
  }

  public Figure minus(Figure other) {
    if (!known()) {
      return this;
    }
    return other.known() ? of(value.subtract(other.value)) : other;
  }
}
