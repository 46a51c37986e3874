package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How figures of one source at different HS levels add up without double counting.
 *
 * <p>Rule: a coarser code, when reported, stands for everything under it. The value of a set of
 * figures for one period is the sum of those whose code is not covered by another reported code (a
 * code covers another when it is a prefix of it; {@code TOTAL} covers every code). So {@code
 * {TOTAL: 100, 24: 30}} is 100, and {@code {24: 30, 2402: 10, 27: 5}} is 35.
 */
public final class HsPrecedence {
  public static final String TOTAL = "TOTAL";

  private HsPrecedence() {}

  /** The value of a set of figures, by code, under the rule above. */
  public static BigDecimal resolve(Map<String, BigDecimal> valueByCode) {
    List<Map.Entry<String, BigDecimal>> ascending =
        List.copyOf(new TreeMap<>(valueByCode).entrySet());
    return resolveAscending(
        Ascending.of(ascending, Map.Entry::getKey, Map.Entry::getValue), 0, ascending.size());
  }

  /** Figures in ascending code order ({@link String#compareTo}), read in place. */
  public interface Ascending {
    String code(int index);

    BigDecimal value(int index);

    /** A list of figures, already in ascending code order, read through its accessors. */
    static <T> Ascending of(
        List<T> figures, Function<T, String> code, Function<T, BigDecimal> value) {
      return new Ascending() {
        @Override
        public String code(int index) {
          return code.apply(figures.get(index));
        }

        @Override
        public BigDecimal value(int index) {
          return value.apply(figures.get(index));
        }
      };
    }
  }

  /**
   * The same value as {@link #resolve} for the figures {@code from} (inclusive) to {@code to}
   * (exclusive) of a cell in ascending code order, in one pass and without lookups: the codes a
   * reported code covers follow it directly in that order, so a code is covered exactly when it
   * starts with the last code counted. {@code TOTAL}, when reported, stands for all the others.
   */
  public static BigDecimal resolveAscending(Ascending cell, int from, int to) {
    BigDecimal sum = Money.ZERO;
    BigDecimal total = null;
    String counted = null;
    for (int i = from; i < to; i++) {
      String code = cell.code(i);
      if (TOTAL.equals(code)) {
        total = cell.value(i);
      } else if (counted == null || !code.startsWith(counted)) {
        sum = Money.add(sum, cell.value(i));
        counted = code;
      }
    }
    return total != null ? Money.add(Money.ZERO, total) : sum;
  }

  /** Whether a figure with this code belongs to a product list (empty list: all products). */
  public static boolean inScope(String code, Iterable<String> productCodes) {
    boolean any = false;
    for (String product : productCodes) {
      any = true;
      if (covers(product, code)) {
        return true;
      }
    }
    return !any;
  }

  static boolean covers(String coarse, String fine) {
    if (coarse.equals(fine)) {
      return true;
    }
    if (TOTAL.equals(coarse)) {
      return true;
    }
    return !TOTAL.equals(fine) && fine.length() > coarse.length() && fine.startsWith(coarse);
  }
}
