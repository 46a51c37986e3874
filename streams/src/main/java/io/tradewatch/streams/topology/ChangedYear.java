package io.tradewatch.streams.topology;

/**
 * A series-year whose ledger changed since the last emission, from {@code fromMonth} on (1 when an
 * annual figure changed): earlier months of that year keep their figures. {@code emission} numbers
 * the emission it belongs to: releases do not change during one, so readers may keep what they
 * decoded of them until the number changes.
 */
record ChangedYear(int year, int fromMonth, long emission) {
  ChangedYear {
    if (fromMonth < 1 || fromMonth > 12) {
      throw new IllegalArgumentException("fromMonth must be 1 to 12, was " + fromMonth);
    }
  }
}
