package io.tradewatch.streams.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Annual and cumulative figures of one FDI series from its annual and quarterly records. As for
 * trade, a year's annual record wins over the sum of its quarters.
 */
public final class FdiYears {

  /** One reported figure: a year, optionally a quarter (1-4), and a value. */
  public record Entry(int year, Integer quarter, BigDecimal value) {}

  /** One year's figure with its cumulative sum since the series' first year. */
  public record Year(
      int year,
      BigDecimal value,
      Basis basis,
      int firstYear,
      BigDecimal cumulative,
      BigDecimal yoyPct) {}

  private FdiYears() {}

  /** Every year from the first reported one to the last, in order. */
  public static List<Year> years(Iterable<Entry> entries) {
    SortedMap<Integer, BigDecimal> annual = new TreeMap<>();
    SortedMap<Integer, BigDecimal> quarterly = new TreeMap<>();
    for (Entry e : entries) {
      Map<Integer, BigDecimal> target = e.quarter() == null ? annual : quarterly;
      target.merge(e.year(), e.value(), BigDecimal::add);
    }
    TreeMap<Integer, Boolean> yearsSeen = new TreeMap<>();
    annual.keySet().forEach(y -> yearsSeen.put(y, true));
    quarterly.keySet().forEach(y -> yearsSeen.putIfAbsent(y, false));
    if (yearsSeen.isEmpty()) {
      return List.of();
    }
    int first = yearsSeen.firstKey();
    int last = yearsSeen.lastKey();
    BigDecimal cumulative = Money.ZERO;
    BigDecimal previous = null;
    var out = new java.util.ArrayList<Year>();
    for (int y = first; y <= last; y++) {
      BigDecimal value;
      Basis basis;
      if (annual.containsKey(y)) {
        value = annual.get(y);
        basis = Basis.ANNUAL_RECORD;
      } else if (quarterly.containsKey(y)) {
        value = quarterly.get(y);
        basis = Basis.PERIOD_SUM;
      } else {
        value = Money.ZERO;
        basis = Basis.NONE;
      }
      cumulative = Money.add(cumulative, value);
      BigDecimal yoy = basis == Basis.NONE ? null : Growth.percentChange(value, previous);
      out.add(new Year(y, Money.usd(value), basis, first, cumulative, yoy));
      previous = basis == Basis.NONE ? null : value;
    }
    return out;
  }
}
