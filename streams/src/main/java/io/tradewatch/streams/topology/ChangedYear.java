package io.tradewatch.streams.topology;

/**
 * A series-year whose ledger changed since the last emission, from {@code fromMonth} on (1 when an
 * annual figure changed): earlier months of that year keep their figures.
 */
record ChangedYear(int year, int fromMonth) {
  ChangedYear {
    if (fromMonth < 1 || fromMonth > 12) {
      throw new IllegalArgumentException("fromMonth must be 1 to 12, was " + fromMonth);
    }
  }
}
