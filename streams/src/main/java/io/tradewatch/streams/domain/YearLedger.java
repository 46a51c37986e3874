package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One series' exports and imports for one calendar year: the monthly figures booked per side, the
 * source's own annual figure per side if it published one, and which months are <em>released</em>
 * per side. Immutable.
 *
 * <p>Coverage: a month is known for a side only when a release covers it. A released month without
 * a figure is zero (the office published the month and this series traded nothing); a month no
 * release covers is unknown, even when figures for it have arrived (they may be the first rows of a
 * release still loading). Every sum over months is therefore either over released months only, or
 * absent with the first month that is missing.
 *
 * <p>Annual-versus-monthly rule: a source's annual record for a year and side is its final word, so
 * it is the annual figure and its monthly records are not added to it; it is a whole figure by
 * itself and needs no release. Without one, the annual figure is the sum of the released months,
 * complete only when all twelve are released.
 */
public final class YearLedger {
  private static final int MONTHS = 12;
  public static final int ALL_MONTHS = (1 << MONTHS) - 1;

  private final int year;
  private final Map<Side, BigDecimal[]> months = new EnumMap<>(Side.class);
  private final Map<Side, Integer> masks = new EnumMap<>(Side.class);
  private final Map<Side, Integer> released = new EnumMap<>(Side.class);
  private final Map<Side, BigDecimal> annual = new EnumMap<>(Side.class);

  private YearLedger(int year) {
    this.year = year;
  }

  /** The ledger of a year nothing was booked for (yet). */
  public static YearLedger empty(int year) {
    YearLedger ledger = new YearLedger(year);
    for (Side side : Side.values()) {
      BigDecimal[] values = new BigDecimal[MONTHS];
      Arrays.fill(values, Money.ZERO);
      ledger.months.put(side, values);
      ledger.masks.put(side, 0);
      ledger.released.put(side, 0);
    }
    return ledger;
  }

  /**
   * The ledger as a store keeps it, built at once (it is rebuilt for every figure booked): the
   * monthly figures of each side, booked where bit m-1 of its mask is set (index m-1 of its
   * values), and each side's annual record or null. Nothing is released.
   */
  public static YearLedger of(
      int year,
      List<BigDecimal> exports,
      int exportsMask,
      List<BigDecimal> imports,
      int importsMask,
      BigDecimal exportsAnnual,
      BigDecimal importsAnnual) {
    YearLedger ledger = new YearLedger(year);
    ledger.book(Side.EXPORTS, exports, exportsMask, exportsAnnual);
    ledger.book(Side.IMPORTS, imports, importsMask, importsAnnual);
    return ledger;
  }

  private void book(Side side, List<BigDecimal> values, int mask, BigDecimal annualRecord) {
    BigDecimal[] booked = new BigDecimal[MONTHS];
    for (int m = 1; m <= MONTHS; m++) {
      booked[m - 1] = (mask & bit(m)) != 0 ? Money.usd(values.get(m - 1)) : Money.ZERO;
    }
    months.put(side, booked);
    masks.put(side, mask & ALL_MONTHS);
    released.put(side, 0);
    if (annualRecord != null) {
      annual.put(side, Money.usd(annualRecord));
    }
  }

  private YearLedger copy() {
    YearLedger c = new YearLedger(year);
    for (Side side : Side.values()) {
      c.months.put(side, months.get(side).clone());
      c.masks.put(side, masks.get(side));
      c.released.put(side, released.get(side));
      if (annual.containsKey(side)) {
        c.annual.put(side, annual.get(side));
      }
    }
    return c;
  }

  public int year() {
    return year;
  }

  /** A copy with the monthly figure of one side booked (month 1-12). */
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

  /** A copy in which the months of {@code mask} (bit m-1 for month m) are released for a side. */
  public YearLedger withReleased(Side side, int mask) {
    YearLedger c = copy();
    c.released.put(side, mask & ALL_MONTHS);
    return c;
  }

  /** A copy in which the months of each mask are released for exports and for imports. */
  public YearLedger withReleased(int exportsMask, int importsMask) {
    YearLedger c = copy();
    c.released.put(Side.EXPORTS, exportsMask & ALL_MONTHS);
    c.released.put(Side.IMPORTS, importsMask & ALL_MONTHS);
    return c;
  }

  /**
   * A copy in which every month with a booked figure counts as released, for data that has no
   * releases of its own (target progress is computed from figures alone).
   */
  public YearLedger releasedWhereBooked() {
    YearLedger c = copy();
    for (Side side : Side.values()) {
      c.released.put(side, masks.get(side));
    }
    return c;
  }

  /** The figure booked for a month, zero when none was: what the store keeps. */
  public BigDecimal booked(Side side, int month) {
    checkMonth(month);
    return months.get(side)[month - 1];
  }

  /** Months with a booked figure of one side, bit m-1 for month m. */
  public int monthMask(Side side) {
    return masks.get(side);
  }

  /** Released months of one side, bit m-1 for month m. */
  public int releasedMask(Side side) {
    return released.get(side);
  }

  public BigDecimal annualRecord(Side side) {
    return annual.get(side);
  }

  public boolean released(Side side, int month) {
    checkMonth(month);
    return (released.get(side) & bit(month)) != 0;
  }

  /** Released months of one side from January to {@code month}. */
  public int monthsReleased(Side side, int month) {
    checkMonth(month);
    return Integer.bitCount(released.get(side) & (bit(month + 1) - 1));
  }

  /** Whether any side booked a figure for this month. */
  public boolean booked(int month) {
    checkMonth(month);
    return (bookedMask() & bit(month)) != 0;
  }

  /** Whether any side has a figure booked or released for this month. */
  public boolean known(int month) {
    checkMonth(month);
    return ((bookedMask() | released.get(Side.EXPORTS) | released.get(Side.IMPORTS)) & bit(month))
        != 0;
  }

  /** Months with at least one booked monthly figure. */
  public int monthsBooked() {
    return Integer.bitCount(bookedMask());
  }

  /** A released month's figure (zero when none was booked); none when it is not released. */
  public Figure month(Side side, int month) {
    checkMonth(month);
    return released(side, month)
        ? Figure.of(months.get(side)[month - 1])
        : Figure.none(notReleased(side, month));
  }

  /** Sum from January to {@code month}, when each of those months is released. */
  public Figure ytd(Side side, int month) {
    return sum(side, 1, month);
  }

  /** Sum from {@code month} to December, when each of those months is released. */
  public Figure fromMonth(Side side, int month) {
    return sum(side, month, MONTHS);
  }

  private Figure sum(Side side, int from, int to) {
    checkMonth(from);
    checkMonth(to);
    BigDecimal total = Money.ZERO;
    for (int m = from; m <= to; m++) {
      if (!released(side, m)) {
        return Figure.none(notReleased(side, m));
      }
      total = total.add(months.get(side)[m - 1]);
    }
    return Figure.of(total);
  }

  /** The annual figure of one side under the annual-versus-monthly rule. */
  public AnnualValue annual(Side side) {
    BigDecimal record = annual.get(side);
    int covered = Integer.bitCount(released.get(side));
    if (record != null) {
      return new AnnualValue(record, Basis.ANNUAL_RECORD, true, covered);
    }
    if (covered == 0) {
      return new AnnualValue(Money.ZERO, Basis.NONE, false, 0);
    }
    BigDecimal total = Money.ZERO;
    for (int m = 1; m <= MONTHS; m++) {
      if (released(side, m)) {
        total = total.add(months.get(side)[m - 1]);
      }
    }
    return new AnnualValue(total, Basis.PERIOD_SUM, covered == MONTHS, covered);
  }

  /** Why a side's annual figure is not the whole year (for a figure that needs it to be). */
  public String incompleteReason(Side side) {
    AnnualValue a = annual(side);
    if (a.complete()) {
      return null;
    }
    if (a.monthsCovered() == 0) {
      return side.label() + " of " + year + " not released";
    }
    for (int m = 1; m <= MONTHS; m++) {
      if (!released(side, m)) {
        return side.label()
            + " of "
            + year
            + " released for "
            + a.monthsCovered()
            + " of 12 months (first missing "
            + period(m)
            + ")";
      }
    }
    throw new IllegalStateException("incomplete year without a missing month");
  }

  /** Whether the year is complete on both sides (annual record or twelve released months). */
  public boolean complete() {
    return annual(Side.EXPORTS).complete() && annual(Side.IMPORTS).complete();
  }

  /** Whether anything at all was booked this year. */
  public boolean isEmpty() {
    return bookedMask() == 0 && annual.isEmpty();
  }

  private String notReleased(Side side, int month) {
    return side.label() + " of " + period(month) + " not released";
  }

  private String period(int month) {
    return year + (month < 10 ? "-0" : "-") + month;
  }

  private int bookedMask() {
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
