package io.tradewatch.streams.topology;

import io.tradewatch.schemas.Keys;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A trade series, {@code source|reporter|partner|hsGroup}, and the output keys built from it. */
record SeriesKey(String source, String reporter, String partner, String hsGroup) {

  static SeriesKey parse(String key) {
    String[] parts = key.split("\\|", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not a series key: " + key);
    }
    return new SeriesKey(parts[0], parts[1], parts[2], parts[3]);
  }

  static String of(String source, String reporter, String partner, String hsGroup) {
    return Keys.join(source, reporter, partner, hsGroup);
  }

  String monthKey(int year, int month) {
    return Keys.join(source, reporter, partner, hsGroup, Keys.tradePeriod(year, month));
  }

  String yearKey(int year) {
    return Keys.join(source, reporter, partner, hsGroup, year);
  }

  /** Event time of an output figure: the first instant (UTC) of its period. */
  static long startOf(int year, int month) {
    return LocalDate.of(year, month, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
