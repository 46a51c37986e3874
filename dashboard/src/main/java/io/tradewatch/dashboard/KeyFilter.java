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
 */
record KeyFilter(Map<Integer, String> parts, String periodFrom, String periodTo) {
  private static final Pattern SEPARATOR = Pattern.compile(Pattern.quote(Keys.SEPARATOR));

  KeyFilter {
    parts = Map.copyOf(parts);
  }

  static KeyFilter all() {
    return new KeyFilter(Map.of(), null, null);
  }

  static KeyFilter parts(Map<Integer, String> parts) {
    return new KeyFilter(parts, null, null);
  }

  KeyFilter periods(String from, String to) {
    return new KeyFilter(parts, from, to);
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
    return out;
  }

  static KeyFilter fromQuery(java.util.List<String> partParams, String from, String to) {
    Map<Integer, String> parts = new TreeMap<>();
    for (String p : partParams) {
      int colon = p.indexOf(':');
      if (colon < 1) {
        throw ApiException.badParameter("part", "must be POSITION:VALUE, was '" + p + "'");
      }
      try {
        parts.put(Integer.parseInt(p.substring(0, colon)), p.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw ApiException.badParameter("part", "must be POSITION:VALUE, was '" + p + "'");
      }
    }
    return new KeyFilter(parts, from, to);
  }
}
