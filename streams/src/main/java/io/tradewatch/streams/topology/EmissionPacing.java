package io.tradewatch.streams.topology;

import java.time.Duration;

/**
 * When the ledger emits the years changed since its last emission. Every interval while it reads
 * what was just published (a live feed: outputs follow within an interval); while it works through
 * a backlog (a replay, or a restart behind the producers), at most every {@value #BACKLOG_FOLD}
 * intervals, so that each emission folds the changes of more releases into one recomputation and
 * one write per figure; and at the first interval in which nothing was read, so the last figures of
 * a backlog are not held.
 *
 * <p>A record is backlog when it is read more than {@value #BACKLOG_AGE} intervals after it was
 * published (its {@code tw.published-at} header, the producer's clock). A record without that
 * header counts as live. Only the last record read before an interval ends is judged.
 */
final class EmissionPacing {
  /** How many intervals after its publication a record is read, at most, to count as live. */
  static final int BACKLOG_AGE = 5;

  /** How many intervals, at most, an emission waits while the ledger reads a backlog. */
  static final int BACKLOG_FOLD = 10;

  private final long backlogAgeMs;
  private final long backlogFoldMs;
  private boolean readSinceTick;
  private boolean lastWasBacklog;

  /** When it last emitted; at first, as if a whole fold ago (the wall clock is never negative). */
  private long lastEmission;

  EmissionPacing(Duration interval) {
    this.backlogAgeMs = interval.toMillis() * BACKLOG_AGE;
    this.backlogFoldMs = interval.toMillis() * BACKLOG_FOLD;
    this.lastEmission = -backlogFoldMs;
  }

  /**
   * A record was read.
   *
   * @param publishedAt when it was published (epoch ms), or null if it does not say
   * @param now the wall clock
   */
  void read(Long publishedAt, long now) {
    readSinceTick = true;
    lastWasBacklog = publishedAt != null && now - publishedAt > backlogAgeMs;
  }

  /** At an interval's end: whether to emit now. */
  boolean due(long now) {
    boolean quiet = !readSinceTick;
    readSinceTick = false;
    if (quiet || !lastWasBacklog || now - lastEmission >= backlogFoldMs) {
      lastEmission = now;
      return true;
    }
    return false;
  }
}
