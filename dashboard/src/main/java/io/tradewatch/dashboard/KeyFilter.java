package io.tradewatch.dashboard;

import io.tradewatch.schemas.Keys;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which keys of a store a query wants: fixed values for some {@code |}-separated key parts, and
 * optional bounds on the last part (the period). The store is scanned by the longest fixed prefix.
 *
 * @param parts required values by part position (0 = first part)
 * @param periodFrom lowest last part, inclusive, or null
 * @param periodTo highest last part, inclusive, or null
 * @param after a paging cursor: only keys after it (before it, scanning in descending order), or
 *     null
 */
record KeyFilter(Map<Integer, String> parts, String periodFrom, String periodTo, String after) {
  private static final Pattern SEPARATOR = Pattern.compile(Pattern.quote(Keys.SEPARATOR));
  private static final Pattern PERIOD = Pattern.compile("[0-9]{4}(-[0-9]{2})?");

  /** Key parts a filter may fix: the longest key (a monthly series) has six. */
  static final int MAX_PART = 9;

  KeyFilter {
    parts = Map.copyOf(parts);
  }

  KeyFilter(Map<Integer, String> parts, String periodFrom, String periodTo) {
    this(parts, periodFrom, periodTo, null);
  }

  KeyFilter after(String cursor) {
    return new KeyFilter(parts, periodFrom, periodTo, cursor);
  }

  /** Whether {@code key} lies past the cursor in the scan's order. */
  boolean pastCursor(String key, boolean descending) {
    if (after == null) {
      return true;
    }
    int order = key.compareTo(after);
    return descending ? order < 0 : order > 0;
  }

  static KeyFilter all() {
    return new KeyFilter(Map.of(), null, null);
  }

  static KeyFilter parts(Map<Integer, String> parts) {
    return new KeyFilter(parts, null, null);
  }

  KeyFilter periods(String from, String to) {
    return new KeyFilter(parts, from, to, after);
  }

  /** The fixed parts from the first on, joined and ending in the separator; "" when none. */
  String prefix() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; parts.containsKey(i); i++) {
      out.append(parts.get(i)).append(Keys.SEPARATOR);
    }
    return out.toString();
  }

  boolean matches(String key) {
    String[] split = SEPARATOR.split(key, -1);
    for (Map.Entry<Integer, String> part : parts.entrySet()) {
      if (part.getKey() >= split.length || !split[part.getKey()].equals(part.getValue())) {
        return false;
      }
    }
    String period = split[split.length - 1];
    return (periodFrom == null || period.compareTo(periodFrom) >= 0)
        && (periodTo == null || period.compareTo(periodTo) <= 0);
  }

  /** As query parameters of the internal endpoint: {@code part=1:KAZ}, {@code from}, {@code to}. */
  Map<String, java.util.List<String>> toQuery() {
    Map<String, java.util.List<String>> out = new TreeMap<>();
    out.put(
        "part",
        parts.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + ":" + e.getValue())
            .toList());
    if (periodFrom != null) {
      out.put("from", java.util.List.of(periodFrom));
    }
    if (periodTo != null) {
      out.put("to", java.util.List.of(periodTo));
    }
    if (after != null) {
      out.put("after", java.util.List.of(after));
    }
    return out;
  }

  /**
   * The filter of an internal scan request, checked as strictly as the public parameters it came
   * from: a peer is trusted to be a peer, not to be bug-free.
   */
  static KeyFilter fromQuery(
      java.util.List<String> partParams, String from, String to, String after) {
    Map<Integer, String> parts = new TreeMap<>();
    for (String p : partParams) {
      int colon = p.indexOf(':');
      String position = colon < 1 ? "" : p.substring(0, colon);
      if (!position.matches("[0-9]") || Integer.parseInt(position) > MAX_PART) {
        throw ApiException.badParameter(
            "part", "must be POSITION:VALUE with POSITION 0 to " + MAX_PART);
      }
      String value = p.substring(colon + 1);
      Params.requirePrintable("part", value);
      parts.put(Integer.parseInt(position), value);
    }
    for (String[] period : new String[][] {{"from", from}, {"to", to}}) {
      if (period[1] != null && !PERIOD.matcher(period[1]).matches()) {
        throw ApiException.badParameter(period[0], "must be a period YYYY or YYYY-MM");
      }
    }
    if (after != null) {
      Params.requirePrintable("after", after);
    }
    return new KeyFilter(parts, from, to, after);
  }
}
