package io.tradewatch.dashboard;

import io.tradewatch.streams.query.QueryableStores;
import io.tradewatch.streams.query.StoreRouting;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

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

  /** The first key whose partition's metadata, as {@code streams} sees it, passes {@code test}. */
  static Optional<String> first(KafkaStreams streams, Predicate<KeyQueryMetadata> test) {
    return all()
        .filter(
            key -> {
              KeyQueryMetadata metadata =
                  streams.queryMetadataForKey(
                      QueryableStores.MONTHLY,
                      key,
                      StoreRouting.partitioner(QueryableStores.MONTHLY));
              return metadata != null && test.test(metadata);
            })
        .findFirst();
  }

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
