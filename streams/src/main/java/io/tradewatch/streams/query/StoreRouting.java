package io.tradewatch.streams.query;

import io.tradewatch.schemas.Keys;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Which partition of a queryable store holds a key. Trade figures are kept in the partition of
 * their series ({@code source|reporter|partner|hsGroup}) and mirror gaps in that of their country
 * pair, HS group and year ({@link #mirrorPairKey}), where the topology computes them; every other
 * store is partitioned by its own key. Pass {@link #partitioner} to {@code
 * KafkaStreams#queryMetadataForKey} to find the instance that owns a key.
 */
public final class StoreRouting {
  private static final int SERIES_PARTS = 4;

  private StoreRouting() {}

  /** The string whose hash (as Kafka's default partitioner computes it) picks the partition. */
  public static String partitionKey(String store, String key) {
    return switch (store) {
      case QueryableStores.MONTHLY, QueryableStores.ANNUAL -> series(key);
      case QueryableStores.MIRROR -> mirrorPair(key);
      default -> key;
    };
  }

  /** The partitioner of {@code store}, for interactive-query routing. */
  public static StreamPartitioner<String, Object> partitioner(String store) {
    return (topic, key, value, partitions) ->
        Optional.of(Set.of(partition(partitionKey(store, key), partitions)));
  }

  /**
   * The unordered country pair, HS group and year both sides of a flow share: the topology brings
   * the two sides of a mirror comparison together under it, and keeps the gap in its partition.
   */
  public static String mirrorPairKey(String country, String other, String hsGroup, Object year) {
    boolean ordered = country.compareTo(other) <= 0;
    return Keys.join(ordered ? country : other, ordered ? other : country, hsGroup, year);
  }

  /** Kafka's default partitioning of a string key (murmur2 of its UTF-8 bytes). */
  private static int partition(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** {@code source|reporter|partner|hsGroup|period} → its series. */
  private static String series(String key) {
    int end = -1;
    for (int i = 0; i < SERIES_PARTS; i++) {
      end = key.indexOf(Keys.SEPARATOR, end + 1);
      if (end < 0) {
        return key;
      }
    }
    return key.substring(0, end);
  }

  /**
   * {@code exporterSource|exporter|importerSource|importer|hsGroup|year} → the unordered pair, HS
   * group and year both sides were brought together under ({@link #mirrorPairKey}).
   */
  private static String mirrorPair(String key) {
    String[] p = key.split("\\|", -1);
    if (p.length != 6) {
      return key;
    }
    return mirrorPairKey(p[1], p[3], p[4], p[5]);
  }
}
