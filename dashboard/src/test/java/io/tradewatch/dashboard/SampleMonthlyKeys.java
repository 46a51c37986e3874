package io.tradewatch.dashboard;

import io.tradewatch.streams.query.QueryableStores;
import io.tradewatch.streams.query.StoreRouting;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

/**
 * Monthly figure keys the sample data certainly has: both sources' totals and the HS chapters
 * reported every month, 2022–2023, plus one figure for each of a few more partners of Kazakhstan
 * ({@link #spreadRows}). Figures are stored in the partition of their country pair, so the sample
 * data's one pair (KAZ–ARM) lives in one partition; a test that needs a key on a given instance
 * publishes the spread rows too, which put a pair in every partition.
 */
final class SampleMonthlyKeys {
  /** Partitions of the topics the tests that use these keys create. */
  static final int PARTITIONS = 4;

  private static final List<String> SERIES =
      Stream.of("KZ-BNS|KAZ|ARM|", "AM-ARMSTAT|ARM|KAZ|")
          .flatMap(pair -> Stream.of("TOTAL", "08", "22", "24").map(group -> pair + group))
          .toList();

  private static final Set<String> CANDIDATE_PARTNERS =
      new TreeSet<>(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3));

  /** The first candidate partner of KAZ whose pair falls in each partition, by partition. */
  private static final List<String> SPREAD = spread();

  private SampleMonthlyKeys() {}

  private static List<String> spread() {
    String[] partners = new String[PARTITIONS];
    for (String partner : CANDIDATE_PARTNERS) {
      if (partner.equals("KAZ") || partner.equals("ARM")) {
        continue;
      }
      int p = StoreRouting.partition(QueryableStores.MONTHLY, spreadSeries(partner), PARTITIONS);
      if (partners[p] == null) {
        partners[p] = partner;
      }
    }
    for (int p = 0; p < PARTITIONS; p++) {
      if (partners[p] == null) {
        throw new IllegalStateException("no candidate partner falls in partition " + p);
      }
    }
    return List.of(partners);
  }

  private static String spreadSeries(String partner) {
    return "KZ-BNS|KAZ|" + partner + "|TOTAL";
  }

  /** The reporting pairs ({@code source|reporter|partner}) the spread rows add. */
  static List<String> spreadPairs() {
    return SPREAD.stream().map(partner -> "KZ-BNS|KAZ|" + partner).toList();
  }

  /**
   * Trade CSV rows (our format, no header): January 2023 exports and imports (so that its turnover
   * is released too) per spread partner.
   */
  static String[] spreadRows() {
    return SPREAD.stream()
        .flatMap(
            partner ->
                Stream.of(
                    "KZ-BNS,KAZ," + partner + ",X,2023-01,TOTAL,1000000.00,,,,1",
                    "KZ-BNS,KAZ," + partner + ",M,2023-01,TOTAL,500000.00,,,,1"))
        .toArray(String[]::new);
  }

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
    Stream<String> sample =
        SERIES.stream()
            .flatMap(
                series ->
                    IntStream.rangeClosed(2022, 2023)
                        .boxed()
                        .flatMap(
                            y ->
                                IntStream.rangeClosed(1, 12)
                                    .mapToObj(m -> String.format("%s|%d-%02d", series, y, m))));
    return Stream.concat(sample, SPREAD.stream().map(p -> spreadSeries(p) + "|2023-01"));
  }
}
