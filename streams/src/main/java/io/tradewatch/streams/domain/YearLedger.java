package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * One series' exports and imports for one calendar year: up to twelve monthly figures per side and
 * optionally the source's own annual figure per side. Immutable.
 *
 * <p>Annual-versus-monthly rule: a source's annual record for a year and side is its final word for
 * that year, so it is used as the annual figure and its monthly records are not added to it;
 * without an annual record the annual figure is the sum of the monthly records reported so far
 * (complete only when all twelve months are in). Monthly, year-to-date and trailing-12-month
 * figures always come from monthly records.
 */
public final class YearLedger {
  private static final int MONTHS = 12;
  private static final int ALL_MONTHS = (1 << MONTHS) - 1;

  private final Map<Side, BigDecimal[]> months = new EnumMap<>(Side.class);
  private final Map<Side, Integer> masks = new EnumMap<>(Side.class);
  private final Map<Side, BigDecimal> annual = new EnumMap<>(Side.class);

  private YearLedger() {
    for (Side side : Side.values()) {
      BigDecimal[] values = new BigDecimal[MONTHS];
      Arrays.fill(values, Money.ZERO);
      months.put(side, values);
      masks.put(side, 0);
    }
  }

  public static YearLedger empty() {
    return new YearLedger();
  }

  private YearLedger copy() {
    YearLedger c = new YearLedger();
    for (Side side : Side.values()) {
      c.months.put(side, months.get(side).clone());
      c.masks.put(side, masks.get(side));
      if (annual.containsKey(side)) {
        c.annual.put(side, annual.get(side));
      }
    }
    return c;
  }

  /** A copy with the monthly figure of one side set (month 1-12). */
  public YearLedger withMonth(Side side, int month, BigDecimal value) {
    checkMonth(month);
    YearLedger c = copy();
    c.months.get(side)[month - 1] = Money.usd(value);
    c.masks.put(side, masks.get(side) | bit(month));
    return c;
  }

  /** A copy with the annual record of one side set. */
  public YearLedger withAnnual(Side side, BigDecimal value) {
    YearLedger c = copy();
    c.annual.put(side, Money.usd(value));
    return c;
  }

  /** The monthly figure, zero when the month was not reported. */
  public BigDecimal month(Side side, int month) {
    checkMonth(month);
    return months.get(side)[month - 1];
  }

  public int monthMask(Side side) {
    return masks.get(side);
  }

  public BigDecimal annualRecord(Side side) {
    return annual.get(side);
  }

  /** Whether any side reported a monthly figure for this month. */
  public boolean reported(int month) {
    checkMonth(month);
    return (unionMask() & bit(month)) != 0;
  }

  /** Months with at least one monthly figure. */
  public int monthsReported() {
    return Integer.bitCount(unionMask());
  }

  /** The first month with a monthly figure, or 0 when there is none. */
  public int firstMonthReported() {
    int mask = unionMask();
    return mask == 0 ? 0 : Integer.numberOfTrailingZeros(mask) + 1;
  }

  /** Sum of the monthly figures from January to {@code month}. */
  public BigDecimal ytd(Side side, int month) {
    checkMonth(month);
    BigDecimal sum = Money.ZERO;
    for (int m = 1; m <= month; m++) {
      sum = sum.add(months.get(side)[m - 1]);
    }
    return sum;
  }

  /** Sum of the monthly figures from {@code month} to December. */
  public BigDecimal fromMonth(Side side, int month) {
    BigDecimal sum = Money.ZERO;
    for (int m = month; m <= MONTHS; m++) {
      sum = sum.add(months.get(side)[m - 1]);
    }
    return sum;
  }

  /** The annual figure of one side under the annual-versus-monthly rule. */
  public AnnualValue annual(Side side) {
    BigDecimal record = annual.get(side);
    if (record != null) {
      return new AnnualValue(record, Basis.ANNUAL_RECORD, true);
    }
    if (masks.get(side) != 0) {
      return new AnnualValue(ytd(side, MONTHS), Basis.PERIOD_SUM, unionMask() == ALL_MONTHS);
    }
    return new AnnualValue(Money.ZERO, Basis.NONE, unionMask() == ALL_MONTHS);
  }

  /** Whether the year is complete on both sides (annual record or twelve months reported). */
  public boolean complete() {
    return annual(Side.EXPORTS).complete() && annual(Side.IMPORTS).complete();
  }

  /** Whether anything at all was reported this year. */
  public boolean isEmpty() {
    return unionMask() == 0 && annual.isEmpty();
  }

  private int unionMask() {
    return masks.get(Side.EXPORTS) | masks.get(Side.IMPORTS);
  }

  private static int bit(int month) {
    return 1 << (month - 1);
  }

  private static void checkMonth(int month) {
    if (month < 1 || month > MONTHS) {
      throw new IllegalArgumentException("month must be 1-12, was " + month);
    }
  }
}
