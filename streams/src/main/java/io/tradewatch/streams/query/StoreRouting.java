package io.tradewatch.streams.query;

import io.tradewatch.schemas.Keys;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Which partition of a queryable store holds a key. Trade figures and mirror gaps are kept in the
 * partition of their unordered country pair ({@link Keys#countryPair}), the message key of trade
 * records, where the topology computes them: every series of the two countries, both reporters'
 * sides of their trade and the gaps between them live in one task, so comparing the sides needs no
 * repartition. Every other store is partitioned by its own key. Pass {@link #partitioner} to {@code
 * KafkaStreams#queryMetadataForKey} to find the instance that owns a key.
 */
public final class StoreRouting {
  private StoreRouting() {}

  /** The string whose hash (as Kafka's default partitioner computes it) picks the partition. */
  public static String partitionKey(String store, String key) {
    return switch (store) {
      // source|reporter|partner|hsGroup[|period]
      case QueryableStores.MONTHLY, QueryableStores.ANNUAL -> countryPair(key, 1, 2);
      // exporterSource|exporter|importerSource|importer|hsGroup|year
      case QueryableStores.MIRROR -> countryPair(key, 1, 3);
      default -> key;
    };
  }

  /** The partition, of {@code partitions}, that holds {@code key} of {@code store}. */
  public static int partition(String store, String key, int partitions) {
    return keyPartition(partitionKey(store, key), partitions);
  }

  /** The partitioner of {@code store}, for interactive-query routing. */
  public static StreamPartitioner<String, Object> partitioner(String store) {
    return (topic, key, value, partitions) ->
        Optional.of(Set.of(partition(store, key, partitions)));
  }

  /**
   * The unordered country pair, HS group and year both sides of a flow share: the topology brings
   * the two sides of a mirror comparison together under it.
   */
  public static String mirrorPairKey(String country, String other, String hsGroup, Object year) {
    return Keys.join(Keys.countryPair(country, other), hsGroup, year);
  }

  /** Kafka's default partitioning of a string message key (murmur2 of its UTF-8 bytes). */
  public static int keyPartition(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** The country pair of fields {@code a} and {@code b} of a key ({@code key} if it has fewer). */
  private static String countryPair(String key, int a, int b) {
    String[] p = key.split("\\|", -1);
    if (p.length <= Math.max(a, b)) {
      return key;
    }
    return Keys.countryPair(p[a], p[b]);
  }
}
