package io.tradewatch.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The latest revisions seen on the revisions topic, newest first, at most {@code capacity}: the
 * topic has no store to query, and only the recent ones matter on a dashboard.
 */
final class RevisionLog {
  private final int capacity;
  private final Deque<OutputEvent> revisions = new ArrayDeque<>();

  RevisionLog(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(OutputEvent revision) {
    revisions.addFirst(revision);
    while (revisions.size() > capacity) {
      revisions.removeLast();
    }
  }

  /** Newest first, those whose key starts with {@code keyPrefix}. */
  synchronized List<OutputEvent> newestFirst(String keyPrefix) {
    List<OutputEvent> out = new ArrayList<>();
    for (OutputEvent r : revisions) {
      if (r.key().startsWith(keyPrefix)) {
        out.add(r);
      }
    }
    return out;
  }
}
