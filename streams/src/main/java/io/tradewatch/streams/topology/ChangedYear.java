package io.tradewatch.streams.topology;

/**
 * A series-year whose ledger changed since the last emission, from {@code fromMonth} on (1 when an
 * annual figure changed): earlier months of that year keep their figures. {@code emission} numbers
 * the emission it belongs to: releases do not change during one, so readers may keep what they
 * decoded of them until the number changes.
 *
 * <p>{@code awaited} marks the months of this year and of the next two whose figures wait for their
 * release ({@link AwaitedReleases}): bit {@code 12 × (y − year) + (m − 1)} for month m of year y.
 * Their monthly figures are not written now; the emission that their release (or the end of the
 * wait) triggers writes them.
 */
record ChangedYear(int year, int fromMonth, long emission, long awaited) {
  ChangedYear {
    if (fromMonth < 1 || fromMonth > 12) {
      throw new IllegalArgumentException("fromMonth must be 1 to 12, was " + fromMonth);
    }
  }

  ChangedYear(int year, int fromMonth, long emission) {
    this(year, fromMonth, emission, 0L);
  }

  /** Whether month {@code month} of {@code year} waits for its release. */
  boolean awaits(int year, int month) {
    int bit = 12 * (year - this.year) + month - 1;
    return bit >= 0 && bit < Long.SIZE && (awaited & (1L << bit)) != 0;
  }
}
