package io.tradewatch.streams.topology;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store that keeps the values put since the last commit as objects and writes each to
 * the store below it once, when Kafka Streams flushes the stores' caches before a commit.
 *
 * <p>Why: the ledger rewrites a period cell and a series-year ledger for every figure, and a dense
 * release books dozens of figures into the same cell within one commit interval. Below this layer
 * each put serializes the whole value (a cell holds every HS code of its pair, flow and period) and
 * each get deserializes it again, so a cell of n codes cost O(n²) encoding per interval; here it
 * costs one encoding, and one decoding however often it is read in the interval. The record cache
 * below still folds the changelog writes, as before.
 *
 * <p>Crash safety is that of the record cache: the values held here reach the store below in the
 * task's cache flush, which Kafka Streams runs before it flushes the producer and commits offsets
 * (and, under exactly-once, inside the transaction). A task closed without a commit drops them with
 * its uncommitted input. Standby and restoring writes bypass this layer; it holds nothing then.
 *
 * <p>Scans first write back the held values they would cover, then read the store below. Values are
 * held by reference and encoded as they are at the commit: a caller that changes a value it put
 * puts it again (what is encoded is what was put since the last commit), and never changes a value
 * it read. Queries from other threads ({@link #get}) see the held values; interactive queries of
 * the v2 API see the store below, as of the last commit. This is an internal Kafka Streams
 * extension point ({@link WrappedStateStore}, whose cache flush the task calls); it is confined to
 * this class and {@link CommitCounter}.
 *
 * @param <V> the value type; keys are strings
 */
final class FoldingStore<V> extends WrappedStateStore<KeyValueStore<String, V>, String, V>
    implements KeyValueStore<String, V> {

  /** Values put since the last write-back, by key. Concurrent: queries may read it. */
  private final NavigableMap<String, V> held = new ConcurrentSkipListMap<>();

  /**
   * Values read from the store below since the last commit, decoded: a figure's cell is read by the
   * revision check and again by the ledger. Only this layer writes below while the task runs.
   */
  private final Map<String, V> read = new ConcurrentHashMap<>();

  /**
   * The thread that puts (the stream thread). Only its reads are kept: a query thread's read could
   * otherwise keep a value the stream thread replaces in between.
   */
  private volatile Thread writer;

  /** At most this many read values are kept; an emission reads many ledgers once each. */
  static final int READ_LIMIT = 4_096;

  private FoldingStore(KeyValueStore<String, V> below) {
    super(below);
  }

  /** A builder of this layer over the stores another builder makes (caching and logging kept). */
  static <V> StoreBuilder<KeyValueStore<String, V>> over(
      StoreBuilder<KeyValueStore<String, V>> below) {
    return new Builder<>(below);
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    held.clear();
    read.clear();
    super.init(context, root);
  }

  @Override
  public V get(String key) {
    V value = held.get(key);
    if (value == null) {
      value = read.get(key);
    }
    if (value == null) {
      value = wrapped().get(key);
      if (value != null && Thread.currentThread() == writer) {
        if (read.size() >= READ_LIMIT) {
          read.clear();
        }
        read.put(key, value);
      }
    }
    return value;
  }

  @Override
  public void put(String key, V value) {
    if (value == null) {
      delete(key);
    } else {
      writer = Thread.currentThread();
      held.put(key, value);
      read.remove(key);
    }
  }

  @Override
  public V putIfAbsent(String key, V value) {
    V known = get(key);
    if (known == null) {
      put(key, value);
    }
    return known;
  }

  @Override
  public void putAll(List<KeyValue<String, V>> entries) {
    entries.forEach(e -> put(e.key, e.value));
  }

  @Override
  public V delete(String key) {
    V heldValue = held.remove(key);
    read.remove(key);
    V stored = wrapped().delete(key);
    return heldValue != null ? heldValue : stored;
  }

  @Override
  public KeyValueIterator<String, V> range(String from, String to) {
    writeBack(held);
    return wrapped().range(from, to);
  }

  @Override
  public KeyValueIterator<String, V> reverseRange(String from, String to) {
    writeBack(held);
    return wrapped().reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<String, V> all() {
    writeBack(held);
    return wrapped().all();
  }

  @Override
  public KeyValueIterator<String, V> reverseAll() {
    writeBack(held);
    return wrapped().reverseAll();
  }

  @Override
  public <S extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(
      P prefix, S prefixKeySerializer) {
    // Keys sharing a string prefix are contiguous in string order: write back just those.
    writeBack(
        prefix instanceof String p ? held.subMap(p, true, p + Character.MAX_VALUE, false) : held);
    return wrapped().prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return wrapped().approximateNumEntries() + held.size();
  }

  /** Before a commit: every held value to the store below, then the caches below to theirs. */
  @Override
  public void flushCache() {
    writeBack(held);
    read.clear();
    super.flushCache();
  }

  /** Recycling a task's state: what is held belongs to input that is not committed. */
  @Override
  public void clearCache() {
    held.clear();
    read.clear();
    super.clearCache();
  }

  @Override
  public void close() {
    held.clear();
    read.clear();
    super.close();
  }

  /** Held values that count, in their key order, to the store below; they are no longer held. */
  private void writeBack(Map<String, V> values) {
    var it = values.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, V> e = it.next();
      wrapped().put(e.getKey(), e.getValue());
      it.remove();
    }
  }

  private record Builder<V>(StoreBuilder<KeyValueStore<String, V>> below)
      implements StoreBuilder<KeyValueStore<String, V>> {
    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
      return new Builder<>(below.withCachingEnabled());
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
      return new Builder<>(below.withCachingDisabled());
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
      return new Builder<>(below.withLoggingEnabled(config));
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
      return new Builder<>(below.withLoggingDisabled());
    }

    @Override
    public KeyValueStore<String, V> build() {
      return new FoldingStore<>(below.build());
    }

    @Override
    public Map<String, String> logConfig() {
      return below.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return below.loggingEnabled();
    }

    @Override
    public String name() {
      return below.name();
    }
  }
}
