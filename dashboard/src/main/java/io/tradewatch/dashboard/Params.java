package io.tradewatch.dashboard;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/** Reads and checks query parameters; every failure is a 400 naming the parameter. */
final class Params {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;

  /**
   * Offsets cost every instance {@code offset + limit} records per request, so they stay short;
   * {@code after} (a cursor: the last key of the previous page, answered as {@code next}) goes
   * further at the cost of one page.
   */
  static final int MAX_OFFSET = 1_000;

  /** Most records an instance is asked for in one scan: a whole page past the longest offset. */
  static final int MAX_NEEDED = MAX_OFFSET + MAX_LIMIT + 1;

  /** How much of a rejected value an error message repeats. */
  static final int ECHO_LENGTH = 40;

  private static final Pattern ASCII_NUMBER = Pattern.compile("[0-9]{1,9}");

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,40}");
  private static final Pattern HS_GROUP = Pattern.compile("TOTAL|[0-9]{2}");
  private static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");
  private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
  private static final int MAX_KEY = 400;

  private final Context ctx;

  Params(Context ctx) {
    this.ctx = ctx;
  }

  /** A source, country or target id: letters, digits, '.', '_' or '-'. */
  String code(String name) {
    String value = optionalCode(name);
    if (value == null) {
      throw ApiException.badParameter(name, "is required");
    }
    return value;
  }

  String optionalCode(String name) {
    return optional(name, CODE, "must be 1-40 letters, digits, '.', '_' or '-'");
  }

  String hsGroup() {
    String value = optional("hsGroup", HS_GROUP, "must be TOTAL or a 2-digit HS chapter");
    return value == null ? "TOTAL" : value;
  }

  /** A YYYY-MM month, or null. */
  String month(String name) {
    return optional(name, MONTH, "must be a month YYYY-MM");
  }

  /** A YYYY year, or null. */
  String year(String name) {
    return optional(name, YEAR, "must be a year YYYY");
  }

  String key(String name) {
    String value = optionalKey(name);
    if (value == null) {
      throw ApiException.badParameter(name, "is required");
    }
    return value;
  }

  /** A store key (or part of one), or null: 1-400 characters, none of them control characters. */
  String optionalKey(String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    requirePrintable(name, value);
    return value;
  }

  String optionalKeyPrefix(String name) {
    String value = optionalKey(name);
    return value == null ? "" : value;
  }

  /**
   * Fails unless {@code value} is 1-400 characters of which none is a control (C0, DEL, C1 such as
   * U+0085), format (bidirectional overrides, zero-width characters), line or paragraph separator,
   * or unpaired surrogate: such characters make a key that reads as another in logs and pages.
   */
  static void requirePrintable(String name, String value) {
    boolean ok =
        !value.isEmpty()
            && value.length() <= MAX_KEY
            && value
                .codePoints()
                .allMatch(
                    c -> {
                      int type = Character.getType(c);
                      return type != Character.CONTROL
                          && type != Character.FORMAT
                          && type != Character.LINE_SEPARATOR
                          && type != Character.PARAGRAPH_SEPARATOR
                          && type != Character.SURROGATE
                          && type != Character.UNASSIGNED;
                    });
    if (!ok) {
      throw ApiException.badParameter(
          name, "must be 1-" + MAX_KEY + " printable characters, without control characters");
    }
  }

  /** Fails unless {@code from <= to} (both YYYY or both YYYY-MM, so text order is time order). */
  static void ordered(String from, String to) {
    if (from != null && to != null && from.compareTo(to) > 0) {
      throw ApiException.badParameter("from", "(" + from + ") is after 'to' (" + to + ")");
    }
  }

  Page page() {
    int limit = integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = integer("offset", 0, 0, MAX_OFFSET);
    return new Page(offset, limit, optionalKey("after"));
  }

  String raw(String name) {
    return ctx.queryParam(name);
  }

  /**
   * A whole number in ASCII digits ({@code Integer.parseInt} alone would also take fullwidth and
   * Arabic-Indic digits, and a sign).
   */
  int integer(String name, int defaultValue, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isEmpty()) {
      return defaultValue;
    }
    if (ASCII_NUMBER.matcher(raw).matches()) {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    }
    throw ApiException.badParameter(
        name,
        "must be a whole number from " + min + " to " + max + ", was '" + abbreviate(raw) + "'");
  }

  private String optional(String name, Pattern pattern, String rule) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!pattern.matcher(value).matches()) {
      throw ApiException.badParameter(name, rule + ", was '" + abbreviate(value) + "'");
    }
    return value;
  }

  /** A value as error messages repeat it: its first {@value #ECHO_LENGTH} characters. */
  static String abbreviate(String value) {
    if (value.length() <= ECHO_LENGTH) {
      return value;
    }
    int end = ECHO_LENGTH;
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end) + "…";
  }

  /**
   * At most {@code limit} items from {@code offset}, counted from the first key after {@code after}
   * (a cursor, null for the start).
   */
  record Page(int offset, int limit, String after) {
    Page(int offset, int limit) {
      this(offset, limit, null);
    }

    /**
     * How many sorted items each instance must return for this page to be exact, and one more to
     * tell whether a next page exists.
     */
    int needed() {
      return offset + limit + 1;
    }
  }
}
