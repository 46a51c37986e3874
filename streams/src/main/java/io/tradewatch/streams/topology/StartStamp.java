package io.tradewatch.streams.topology;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Which start of a processor wrote a stored value, for processors that keep in a store the last
 * value they sent and send nothing when it comes again unchanged.
 *
 * <p>Under at-least-once a crash in the middle of a commit can write a store's changelog record and
 * lose the output record that goes with it; the restarted task reads the changelog back, and the
 * value computed again would be equal to the stored one and never sent. So such a processor sends a
 * value again when the stored one was written before it started ({@link #writtenBefore}), and
 * stores it with its own stamp. Under exactly-once the store and the outputs are committed
 * together: nothing is sent again.
 *
 * <p>The stamp is kept with the value in the store, as the timestamp of a timestamped store (its
 * changelog records carry it as their timestamp), so what a processor remembers is on disk with its
 * state, not on the heap: a replay of any length costs no memory per key. A stamp is the wall-clock
 * millisecond of the start, made unique within the JVM; equality is all that is compared.
 */
final class StartStamp {
  private static final AtomicLong LAST = new AtomicLong();

  private final long stamp;
  private final boolean resends;

  private StartStamp(long stamp, boolean resends) {
    this.stamp = stamp;
    this.resends = resends;
  }

  /** A new stamp, for a processor started with these application configs. */
  static StartStamp of(Map<String, Object> appConfigs) {
    long now = System.currentTimeMillis();
    return new StartStamp(
        LAST.updateAndGet(last -> Math.max(last + 1, now)), !atomicCommits(appConfigs));
  }

  /** Whether the store's changelog and the outputs are committed together (exactly-once). */
  static boolean atomicCommits(Map<String, Object> appConfigs) {
    return String.valueOf(appConfigs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .startsWith("exactly_once");
  }

  /** {@code value} as this start writes it. */
  <V> ValueAndTimestamp<V> stamp(V value) {
    return ValueAndTimestamp.make(value, stamp);
  }

  /** Whether a crash can keep a store write and lose its output (at-least-once). */
  boolean resends() {
    return resends;
  }

  /** This start's stamp, for values that keep it in a field of their own. */
  long stamp() {
    return stamp;
  }

  /**
   * Whether an unchanged value stored as {@code stored} is to be sent again: under at-least-once,
   * when another start wrote it.
   */
  boolean writtenBefore(ValueAndTimestamp<?> stored) {
    return stored != null && writtenBefore(stored.timestamp());
  }

  /** Whether a value stamped {@code writtenBy} is to be sent again (see above). */
  boolean writtenBefore(long writtenBy) {
    return resends && writtenBy != stamp;
  }
}
