package io.tradewatch.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Part of a store, sorted by key: the number of matching keys and the first of them. Items are
 * {@code {"key": …, "value": {…}}}, or {@code {"key": …, "count": n}} when keys were grouped.
 */
record ScanResult(long total, List<Map<String, Object>> items) {
  ScanResult {
    items = List.copyOf(items);
  }

  /**
   * Merges the answers of instances owning disjoint partitions: totals add up and the first {@code
   * needed} items of the union are the first of the whole store.
   */
  static ScanResult merge(List<ScanResult> parts, int needed, boolean descending) {
    Comparator<Map<String, Object>> byKey = Comparator.comparing(i -> (String) i.get("key"));
    List<Map<String, Object>> all = new ArrayList<>();
    long total = 0;
    for (ScanResult part : parts) {
      total += part.total();
      all.addAll(part.items());
    }
    all.sort(descending ? byKey.reversed() : byKey);
    return new ScanResult(total, all.subList(0, Math.min(needed, all.size())));
  }

  /** Merges grouped answers: one group may have keys on several instances. */
  static ScanResult mergeGroups(List<ScanResult> parts) {
    Map<String, Long> counts = new TreeMap<>();
    for (ScanResult part : parts) {
      for (Map<String, Object> item : part.items()) {
        counts.merge((String) item.get("key"), ((Number) item.get("count")).longValue(), Long::sum);
      }
    }
    List<Map<String, Object>> items = new ArrayList<>();
    counts.forEach((key, count) -> items.add(Map.of("key", key, "count", count)));
    return new ScanResult(items.size(), items);
  }

  /** The page {@code offset..offset+limit} of the items. */
  List<Map<String, Object>> page(Params.Page page) {
    if (page.offset() >= items.size()) {
      return List.of();
    }
    return items.subList(page.offset(), Math.min(items.size(), page.offset() + page.limit()));
  }
}
