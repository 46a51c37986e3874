package io.tradewatch.streams.topology;

import io.tradewatch.avro.internal.HsValue;
import io.tradewatch.schemas.Keys;
import io.tradewatch.streams.domain.HsPrecedence;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The period cell booked last and the sums that resolve its HS groups, carried from booking to
 * booking: a release sends a pair and flow's codes one after another, and without them every figure
 * would pass over the whole cell to resolve the total, and over its chapter's codes to resolve the
 * chapter (hundreds to thousands of codes at HS6). With them a figure costs a few binary searches.
 *
 * <p>The sums are {@link HsPrecedence#uncoveredSum}s: of the whole cell, and of each chapter's
 * codes (those that start with it, consecutive in ascending order) once a figure of that chapter
 * was resolved. They are carried only while the cell store hands back the very list booked last (it
 * holds what was put until the commit, and a list is not changed once put); any other list, such as
 * a cell read back from the store below, is summed again.
 */
final class CellSums {
  /** Sorts after every code that starts with a chapter, and before the next chapter's codes. */
  private static final String AFTER_CHAPTER = "\uffff";

  private List<HsValue> cell;
  private BigDecimal sum;
  private final Map<String, BigDecimal> chapters = new HashMap<>();

  /**
   * A figure booked: {@code before} is the cell as the store had it (ascending codes), {@code
   * after} the cell with the figure.
   *
   * @param previous the code's value in {@code before}, or null when it was not there
   */
  void booked(
      List<HsValue> before,
      List<HsValue> after,
      String code,
      BigDecimal previous,
      BigDecimal value) {
    if (before != cell) {
      sum = HsPrecedence.uncoveredSum(ascending(before), 0, before.size());
      chapters.clear();
    }
    sum =
        HsPrecedence.uncoveredSumAfter(
            ascending(before), before.size(), sum, code, previous, value);
    String chapter = Keys.hsChapter(code);
    BigDecimal chapterSum = chapters.get(chapter);
    if (chapterSum != null) {
      List<HsValue> codes = chapter(before, chapter);
      chapters.put(
          chapter,
          HsPrecedence.uncoveredSumAfter(
              ascending(codes), codes.size(), chapterSum, code, previous, value));
    }
    cell = after;
  }

  /**
   * A group's value in the cell booked last: the total's (the TOTAL figure when reported, else the
   * sum of the uncovered codes), or a chapter's.
   */
  BigDecimal resolved(String group) {
    if (Keys.TOTAL.equals(group)) {
      BigDecimal total = HsPrecedence.reportedTotal(ascending(cell), 0, cell.size());
      return total != null ? total : sum;
    }
    return chapters.computeIfAbsent(
        group,
        chapter -> {
          List<HsValue> codes = chapter(cell, chapter);
          return HsPrecedence.uncoveredSum(ascending(codes), 0, codes.size());
        });
  }

  /** Forgets the cell (a task started again reads its cells back from the store). */
  void forget() {
    cell = null;
    chapters.clear();
  }

  /** The codes of a cell that start with a chapter, found by two binary searches. */
  private static List<HsValue> chapter(List<HsValue> cell, String chapter) {
    return cell.subList(
        insertionPoint(cell, chapter), insertionPoint(cell, chapter + AFTER_CHAPTER));
  }

  private static int insertionPoint(List<HsValue> cell, String code) {
    int at = indexOf(cell, code);
    return at >= 0 ? at : -at - 1;
  }

  /**
   * Where an HS code is among a cell's entries, which are kept in ascending code order: its index,
   * or {@code -(insertion point) - 1}.
   */
  static int indexOf(List<HsValue> cell, String hsCode) {
    return HsPrecedence.indexOf(ascending(cell), 0, cell.size(), hsCode);
  }

  private static HsPrecedence.Ascending ascending(List<HsValue> cell) {
    return HsPrecedence.Ascending.of(cell, HsValue::getHsCode, HsValue::getValueUsd);
  }
}
