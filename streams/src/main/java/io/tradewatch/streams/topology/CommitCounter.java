package io.tradewatch.streams.topology;

import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * Counts the commits of its task, so that a processor can tell whether the records it forwarded
 * before some point have been written: a count that moved since then means they were.
 *
 * <p>How: before every commit Kafka Streams flushes the caches of the task's cached stores and then
 * flushes the producer, and the commit fails (closing the task and its processors) if a record
 * could not be written. So a processor that reads a count above the one it read when it forwarded
 * something, in a later punctuation or {@code process} call of the same instance, knows that those
 * records were acknowledged by the broker (and, under exactly-once, that the transaction holding
 * them was committed or the task was closed). Nothing is stored and nothing is restored: a new
 * processor instance starts with whatever count the store has, and compares only with its own
 * readings.
 *
 * <p>This is an internal Kafka Streams extension point ({@link CachedStateStore}, whose cache flush
 * the task calls before it flushes the producer), used here and in {@link FoldingStore} only. A
 * store that is neither a key-value, window nor session store reaches the processor as it is.
 */
final class CommitCounter implements StateStore, CachedStateStore<Object, Object> {
  private final String name;
  private volatile boolean open;
  private long commits;

  private CommitCounter(String name) {
    this.name = name;
  }

  /** A builder of the counter named {@code name}: no cache, no changelog. */
  static StoreBuilder<CommitCounter> builder(String name) {
    return new Builder(name);
  }

  /** The commits of the task (their cache flushes) since the task created this store. */
  long commits() {
    return commits;
  }

  @Override
  public void flushCache() {
    commits++;
  }

  @Override
  public void clearCache() {
    // Nothing is held.
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOld) {
    return false;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    context.register(root, (key, value) -> {});
    open = true;
  }

  @Override
  public void close() {
    open = false;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  private record Builder(String name) implements StoreBuilder<CommitCounter> {
    @Override
    public StoreBuilder<CommitCounter> withCachingEnabled() {
      return this;
    }

    @Override
    public StoreBuilder<CommitCounter> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<CommitCounter> withLoggingEnabled(Map<String, String> config) {
      throw new UnsupportedOperationException("a commit counter has nothing to log");
    }

    @Override
    public StoreBuilder<CommitCounter> withLoggingDisabled() {
      return this;
    }

    @Override
    public CommitCounter build() {
      return new CommitCounter(name);
    }

    @Override
    public Map<String, String> logConfig() {
      return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
      return false;
    }
  }
}
