package io.tradewatch.streams.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The series-years changed since the last emission, each with the first month its change affects,
 * kept in a store so that a crash loses none until the figures they change have been written, and
 * with the publish time of the latest input that changed it (see {@link TradeLedger}), kept in
 * memory only: it feeds the latency metrics, and a restart forgets it.
 *
 * <p>A drained year stays in the store until {@link #forgetEmitted} says that a commit has written
 * what its emission forwarded. Under at-least-once a crash in the middle of a commit can write some
 * of its records and lose others: had the drain removed the year at once, the removal could be
 * written and the figures lost, and the year, whose inputs are committed, would never be emitted
 * again. Kept until a later commit, it is read back by the restarted task and emitted again.
 *
 * <p>The store holds them in a few buckets, each a list of changes, instead of one entry per year:
 * clearing them writes one tombstone per bucket to the changelog, not one per year, and the cache
 * folds a commit interval's updates to a bucket into one write. A history replay changes thousands
 * of series-years between two emissions; a bucket is put again only when a year becomes pending or
 * its first month moves earlier, or when emitted years leave it, not on every input that changes a
 * year again. The store is a {@link FoldingStore}: a bucket put is held as it is and encoded once,
 * at the next commit, so a replay that makes thousands of years pending within a commit interval
 * encodes each bucket once instead of once per year (which cost a fifth of a sparse replay).
 */
final class PendingYears {
  /** Buckets of the store: the most changelog writes an emission's changes cost, twice. */
  static final int BUCKETS = 16;

  /**
   * A bucket's stored form: its number of changes, then each series-year and its change. Null is a
   * tombstone.
   */
  static final Serde<SortedMap<String, byte[]>> BUCKET =
      org.apache.kafka.common.serialization.Serdes.serdeFrom(
          (topic, bucket) -> bucket == null ? null : encode(bucket),
          (topic, bytes) -> bytes == null ? null : decode(bytes));

  private final KeyValueStore<String, SortedMap<String, byte[]>> store;

  /** The store's buckets as they are: the years due and those emitted but not yet written. */
  private final List<SortedMap<String, byte[]>> buckets = new ArrayList<>(BUCKETS);

  /** The years due at the next drain, each from its first month. */
  private final Map<String, Integer> due = new HashMap<>();

  /** The years drained since the last {@link #forgetEmitted}. */
  private final Set<String> emitted = new HashSet<>();

  private final Map<String, byte[]> latestHeaders = new HashMap<>();

  /**
   * Reads the changes the store holds: those a restart interrupted, and those emitted before it
   * that a commit may not have written. All of them are due.
   */
  PendingYears(KeyValueStore<String, SortedMap<String, byte[]>> store) {
    this.store = store;
    for (int i = 0; i < BUCKETS; i++) {
      buckets.add(new TreeMap<>());
    }
    try (KeyValueIterator<String, SortedMap<String, byte[]>> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, SortedMap<String, byte[]>> bucket = all.next();
        buckets.get(Integer.parseInt(bucket.key)).putAll(bucket.value);
        bucket.value.forEach((year, month) -> due.put(year, (int) month[0]));
      }
    }
  }

  /**
   * Marks a series-year changed from {@code fromMonth} on (or from an earlier month it is already
   * due from), by an input published at {@code publishedAt} (empty if unknown).
   */
  void mark(String ledgerKey, int fromMonth, byte[] publishedAt) {
    latestHeaders.put(ledgerKey, publishedAt);
    due.merge(ledgerKey, fromMonth, Math::min);
    int index = index(ledgerKey);
    SortedMap<String, byte[]> bucket = buckets.get(index);
    byte[] stored = bucket.get(ledgerKey);
    if (stored == null || fromMonth < stored[0]) {
      bucket.put(ledgerKey, new byte[] {(byte) fromMonth});
      // Put again after every change: the store encodes it as it is at the commit.
      store.put(Integer.toString(index), bucket);
    }
  }

  /**
   * Every due change, by series-year, as its first month followed by the latest publish time (none
   * after a restart); none is due after. The store keeps them until {@link #forgetEmitted}.
   */
  SortedMap<String, byte[]> drain() {
    SortedMap<String, byte[]> all = new TreeMap<>();
    due.forEach((key, month) -> all.put(key, change(month, latestHeaders.get(key))));
    emitted.addAll(due.keySet());
    due.clear();
    latestHeaders.clear();
    return Collections.unmodifiableSortedMap(all);
  }

  /**
   * What the drains so far forwarded has been written (a commit came after the last drain): their
   * years leave the store, but for those changed again since, which are due.
   */
  void forgetEmitted() {
    boolean[] changed = new boolean[BUCKETS];
    for (String key : emitted) {
      if (!due.containsKey(key)) {
        int index = index(key);
        changed[index] |= buckets.get(index).remove(key) != null;
      }
    }
    emitted.clear();
    for (int i = 0; i < BUCKETS; i++) {
      if (changed[i]) {
        if (buckets.get(i).isEmpty()) {
          store.delete(Integer.toString(i));
        } else {
          store.put(Integer.toString(i), buckets.get(i));
        }
      }
    }
  }

  /** A pending change as drained: its first month, then a publish time (may be empty or null). */
  static byte[] change(int fromMonth, byte[] publishedAt) {
    byte[] header = publishedAt == null ? new byte[0] : publishedAt;
    byte[] value = new byte[1 + header.length];
    value[0] = (byte) fromMonth;
    System.arraycopy(header, 0, value, 1, header.length);
    return value;
  }

  private static int index(String ledgerKey) {
    return Math.floorMod(ledgerKey.hashCode(), BUCKETS);
  }

  private static byte[] encode(Map<String, byte[]> bucket) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * bucket.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(bucket.size());
      for (Map.Entry<String, byte[]> e : bucket.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeShort(e.getValue().length);
        out.write(e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static SortedMap<String, byte[]> decode(byte[] value) {
    SortedMap<String, byte[]> into = new TreeMap<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
      int size = in.readInt();
      for (int i = 0; i < size; i++) {
        String key = in.readUTF();
        byte[] change = new byte[in.readUnsignedShort()];
        in.readFully(change);
        // Entries written before the publish time was kept in memory carry it after the month.
        into.put(key, new byte[] {change[0]});
      }
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable pending changes", e);
    }
    return into;
  }
}
