package io.tradewatch.dashboard;

import io.tradewatch.schemas.AvroJson;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Queries of the key-value stores on this instance only (its active partitions). */
final class LocalStores {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStores.class);

  private final KafkaStreams streams;

  LocalStores(KafkaStreams streams) {
    this.streams = streams;
  }

  /**
   * The matching keys of this instance's partitions of {@code store}: their count and the first
   * {@code needed} in key order; with {@code groupParts > 0}, the distinct first {@code groupParts}
   * key parts with how many keys each has.
   */
  ScanResult scan(
      String storeName, KeyFilter filter, int needed, boolean descending, int groupParts) {
    ReadOnlyKeyValueStore<String, Object> store = store(storeName, null);
    String prefix = filter.prefix();
    TreeMap<String, Object> kept = new TreeMap<>();
    Map<String, Long> groups = new TreeMap<>();
    long total = 0;
    try (KeyValueIterator<String, Object> it =
        prefix.isEmpty() ? store.all() : store.prefixScan(prefix, Serdes.STRING.serializer())) {
      while (it.hasNext()) {
        KeyValue<String, Object> entry = it.next();
        if (entry.value == null || !filter.matches(entry.key)) {
          continue;
        }
        total++;
        if (!filter.pastCursor(entry.key, descending)) {
          continue;
        }
        if (groupParts > 0) {
          groups.merge(firstParts(entry.key, groupParts), 1L, Long::sum);
          continue;
        }
        kept.put(entry.key, entry.value);
        if (kept.size() > needed) {
          // Only the first `needed` keys in the requested order can be on the page.
          if (descending) {
            kept.pollFirstEntry();
          } else {
            kept.pollLastEntry();
          }
        }
      }
    } catch (InvalidStateStoreException e) {
      throw notQueryable(storeName, e);
    }
    List<Map<String, Object>> items = new ArrayList<>();
    if (groupParts > 0) {
      groups.forEach((key, count) -> items.add(Map.of("key", key, "count", count)));
      return new ScanResult(items.size(), items);
    }
    NavigableMap<String, Object> ordered = descending ? kept.descendingMap() : kept;
    ordered.forEach((key, value) -> items.add(item(key, value)));
    return new ScanResult(total, items);
  }

  /** The value of {@code key} in the given partition of {@code store}, or null. */
  Map<String, Object> get(String storeName, String key, int partition) {
    try {
      Object value = store(storeName, partition).get(key);
      return value == null ? null : item(key, value);
    } catch (InvalidStateStoreException e) {
      throw notQueryable(storeName, e);
    }
  }

  /**
   * The value of {@code key} in this instance's copy of a partition of {@code store} whatever its
   * state (a standby replica, or an active task still restoring), or null.
   */
  Map<String, Object> getStale(String storeName, String key, int partition) {
    StoreQueryParameters<ReadOnlyKeyValueStore<String, Object>> parameters =
        StoreQueryParameters.fromNameAndType(
                storeName, QueryableStoreTypes.<String, Object>keyValueStore())
            .withPartition(partition)
            .enableStaleStores();
    try {
      Object value = streams.store(parameters).get(key);
      return value == null ? null : item(key, value);
    } catch (InvalidStateStoreException e) {
      throw notQueryable(storeName, e);
    }
  }

  /**
   * How many changelog records this instance's copy of a partition of {@code store} is behind, or
   * null when Kafka cannot tell now.
   */
  Long lag(String storeName, int partition) {
    try {
      LagInfo lag =
          streams.allLocalStorePartitionLags().getOrDefault(storeName, Map.of()).get(partition);
      return lag == null ? null : lag.offsetLag();
    } catch (StreamsException e) {
      LOG.debug("Lag of {} partition {} unknown: {}", storeName, partition, e.getMessage());
      return null;
    }
  }

  static Map<String, Object> item(String key, Object value) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("key", key);
    item.put("value", AvroJson.toJson(value));
    return item;
  }

  private ReadOnlyKeyValueStore<String, Object> store(String name, Integer partition) {
    StoreQueryParameters<ReadOnlyKeyValueStore<String, Object>> parameters =
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
    if (partition != null) {
      parameters = parameters.withPartition(partition);
    }
    try {
      return streams.store(parameters);
    } catch (InvalidStateStoreException e) {
      throw notQueryable(name, e);
    }
  }

  /** The client learns what to do; the exception's own words go to the log only. */
  private ApiException notQueryable(String name, InvalidStateStoreException e) {
    LOG.debug("Store {} not queryable: {}", name, e.toString());
    return ApiException.unavailable(
        "store '"
            + name
            + "' cannot be queried on this instance now (application "
            + streams.state()
            + "); retry shortly");
  }

  private static String firstParts(String key, int count) {
    int end = -1;
    for (int i = 0; i < count; i++) {
      end = key.indexOf(Keys.SEPARATOR, end + 1);
      if (end < 0) {
        return key;
      }
    }
    return key.substring(0, end);
  }
}
