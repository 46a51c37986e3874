package io.tradewatch.dashboard;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Monthly figure keys the sample data certainly has: both sources' totals and the HS chapters
 * reported every month, 2022–2023. Monthly figures are stored in the partition of their series, so
 * a test that needs a key on a given instance picks among several series, not several months.
 */
final class SampleMonthlyKeys {
  private static final List<String> SERIES =
      Stream.of("KZ-BNS|KAZ|ARM|", "AM-ARMSTAT|ARM|KAZ|")
          .flatMap(pair -> Stream.of("TOTAL", "08", "22", "24").map(group -> pair + group))
          .toList();

  private SampleMonthlyKeys() {}

  static Stream<String> all() {
    return SERIES.stream()
        .flatMap(
            series ->
                IntStream.rangeClosed(2022, 2023)
                    .boxed()
                    .flatMap(
                        y ->
                            IntStream.rangeClosed(1, 12)
                                .mapToObj(m -> String.format("%s|%d-%02d", series, y, m))));
  }
}
