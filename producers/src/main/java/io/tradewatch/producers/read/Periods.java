package io.tradewatch.producers.read;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statistical periods as our CSV formats write them: {@code 2023}, {@code 2023-07}, {@code
 * 2023-Q2}.
 */
final class Periods {
  private static final Pattern YEAR = Pattern.compile("(\\d{4})");
  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

  /** A year and, for a sub-annual period, its month or quarter (null for a year). */
  record Period(int year, Integer part) {}

  private Periods() {}

  static Period monthly(String column, String value) {
    Matcher y = YEAR.matcher(value);
    if (y.matches()) {
      return new Period(Integer.parseInt(y.group(1)), null);
    }
    Matcher m = MONTH.matcher(value);
    if (m.matches()) {
      int month = Integer.parseInt(m.group(2));
      if (month >= 1 && month <= 12) {
        return new Period(Integer.parseInt(m.group(1)), month);
      }
    }
    throw new RowException(column + " '" + value + "' is not YYYY or YYYY-MM");
  }

  static Period quarterly(String column, String value) {
    Matcher y = YEAR.matcher(value);
    if (y.matches()) {
      return new Period(Integer.parseInt(y.group(1)), null);
    }
    Matcher q = QUARTER.matcher(value);
    if (q.matches()) {
      return new Period(Integer.parseInt(q.group(1)), Integer.parseInt(q.group(2)));
    }
    throw new RowException(column + " '" + value + "' is not YYYY or YYYY-Qn");
  }
}
