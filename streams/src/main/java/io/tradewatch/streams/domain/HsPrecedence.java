package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
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
   * (exclusive) of a cell in ascending code order: {@code TOTAL}, when reported, stands for all the
   * others; without it, the {@link #uncoveredSum}.
   */
  public static BigDecimal resolveAscending(Ascending cell, int from, int to) {
    BigDecimal total = reportedTotal(cell, from, to);
    return total != null ? total : uncoveredSum(cell, from, to);
  }

  /**
   * The {@code TOTAL} figure among the figures {@code from} (inclusive) to {@code to} (exclusive)
   * of a cell in ascending code order, which stands for all the others; null when none is reported.
   */
  public static BigDecimal reportedTotal(Ascending cell, int from, int to) {
    int total = indexOf(cell, from, to, TOTAL);
    return total >= 0 ? Money.add(Money.ZERO, cell.value(total)) : null;
  }

  /**
   * The sum of the figures {@code from} (inclusive) to {@code to} (exclusive) of a cell in
   * ascending code order that no other code of the range covers, {@code TOTAL} left out; in one
   * pass and without lookups: the codes a reported code covers follow it directly in that order, so
   * a code is covered exactly when it starts with the last code counted.
   */
  public static BigDecimal uncoveredSum(Ascending cell, int from, int to) {
    BigDecimal sum = Money.ZERO;
    String counted = null;
    for (int i = from; i < to; i++) {
      String code = cell.code(i);
      if (!TOTAL.equals(code) && (counted == null || !code.startsWith(counted))) {
        sum = Money.add(sum, cell.value(i));
        counted = code;
      }
    }
    return sum;
  }

  /**
   * A whole cell's {@link #uncoveredSum} after one figure is booked into it, from that sum before
   * and without a pass over the cell: a code another code covers changes nothing; an uncovered code
   * the cell had changes the sum by its change; a new uncovered code counts from now on instead of
   * the codes under it (those that start with it, which follow it in ascending order).
   *
   * @param before the cell before the booking, {@code size} figures in ascending code order
   * @param sumBefore {@code uncoveredSum(before, 0, size)}
   * @param previous the code's value in the cell before, or null when the cell did not have it
   */
  public static BigDecimal uncoveredSumAfter(
      Ascending before,
      int size,
      BigDecimal sumBefore,
      String code,
      BigDecimal previous,
      BigDecimal value) {
    if (TOTAL.equals(code) || covered(before, size, code)) {
      return sumBefore;
    }
    if (previous != null) {
      return Money.add(sumBefore, value.subtract(previous));
    }
    int from = -indexOf(before, 0, size, code) - 1;
    int to = from;
    while (to < size && before.code(to).startsWith(code)) {
      to++;
    }
    return Money.add(sumBefore, value.subtract(uncoveredSum(before, from, to)));
  }

  /**
   * Whether a code of the cell covers this one. Only a prefix of the code can, and it would share
   * the code's nearest predecessor in ascending order (every code between a prefix and the code
   * starts with that prefix), so only prefixes no longer than their common part are looked up.
   */
  private static boolean covered(Ascending cell, int size, String code) {
    int at = indexOf(cell, 0, size, code);
    int predecessor = (at >= 0 ? at : -at - 1) - 1;
    if (predecessor < 0) {
      return false;
    }
    String previous = cell.code(predecessor);
    int common = 0;
    int longest = Math.min(previous.length(), code.length() - 1);
    while (common < longest && previous.charAt(common) == code.charAt(common)) {
      common++;
    }
    for (int length = common; length >= 0; length--) {
      if (indexOf(cell, 0, predecessor + 1, code.substring(0, length)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where a code is among the figures {@code from} (inclusive) to {@code to} (exclusive) of a cell
   * in ascending code order: its index, or {@code -(insertion point) - 1}, as {@link
   * Collections#binarySearch} says.
   */
  public static int indexOf(Ascending cell, int from, int to, String code) {
    int at = Collections.binarySearch(new Codes(cell, from, to), code);
    return at >= 0 ? from + at : at - from;
  }

  /** The codes of a range of a cell, read in place (random access, so a search is by index). */
  private static final class Codes extends AbstractList<String> implements RandomAccess {
    private final Ascending cell;
    private final int from;
    private final int size;

    Codes(Ascending cell, int from, int to) {
      this.cell = cell;
      this.from = from;
      this.size = to - from;
    }

    @Override
    public String get(int index) {
      return cell.code(from + index);
    }

    @Override
    public int size() {
      return size;
    }
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
