package io.tradewatch.dashboard;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/** Reads and checks query parameters; every failure is a 400 naming the parameter. */
final class Params {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;
  static final int MAX_OFFSET = 1_000_000;

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,40}");
  private static final Pattern HS_GROUP = Pattern.compile("TOTAL|[0-9]{2}");
  private static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");
  private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
  private static final Pattern KEY = Pattern.compile("[^\\p{Cntrl}]{1,400}");

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
    String value = optional(name, KEY, "must be 1-400 printable characters");
    if (value == null) {
      throw ApiException.badParameter(name, "is required");
    }
    return value;
  }

  String optionalKeyPrefix(String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return "";
    }
    if (!KEY.matcher(value).matches()) {
      throw ApiException.badParameter(name, "must be 1-400 printable characters");
    }
    return value;
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
    return new Page(offset, limit);
  }

  String raw(String name) {
    return ctx.queryParam(name);
  }

  private int integer(String name, int defaultValue, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below with the allowed range
    }
    throw ApiException.badParameter(
        name, "must be a whole number from " + min + " to " + max + ", was '" + raw + "'");
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

  private static String abbreviate(String value) {
    return value.length() <= 60 ? value : value.substring(0, 60) + "…";
  }

  /** Offset paging: at most {@code limit} items from {@code offset}. */
  record Page(int offset, int limit) {
    /** How many sorted items each instance must return for this page to be exact. */
    int needed() {
      return offset + limit;
    }
  }
}
