package io.tradewatch.streams.topology;

import com.carrotsearch.hppc.LongHashSet;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The keys a processor instance has sent since it started, for processors that keep in a store the
 * last value they sent and send nothing when it comes again unchanged.
 *
 * <p>Under at-least-once a crash in the middle of a commit can write a store's changelog record and
 * lose the output record that goes with it; the restarted task reads the changelog back, and the
 * value computed again would be equal to the stored one and never sent. So such a processor sends a
 * key's first value since it started even when it is unchanged ({@link #firstSince}). Under
 * exactly-once the store and the outputs are committed together: nothing is resent, and nothing is
 * remembered.
 *
 * <p>A key is remembered as a 64-bit fingerprint (CRC-64-AVRO of its UTF-8 bytes), about 10 bytes
 * each in an open-addressing set.
 */
final class SentSinceStart {
  /** Null under exactly-once. */
  private final LongHashSet sent;

  private SentSinceStart(LongHashSet sent) {
    this.sent = sent;
  }

  /** For a processor started with these application configs. */
  static SentSinceStart of(Map<String, Object> appConfigs) {
    return new SentSinceStart(atomicCommits(appConfigs) ? null : new LongHashSet());
  }

  /** Whether the store's changelog and the outputs are committed together (exactly-once). */
  static boolean atomicCommits(Map<String, Object> appConfigs) {
    return String.valueOf(appConfigs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .startsWith("exactly_once");
  }

  /**
   * Whether an unchanged value of {@code key} is to be sent again: under at-least-once, the first
   * time since the start (it is then remembered as sent).
   */
  boolean firstSince(String key) {
    return sent != null && sent.add(fingerprint(key));
  }

  /** A changed value of {@code key} was sent. */
  void sent(String key) {
    if (sent != null) {
      sent.add(fingerprint(key));
    }
  }

  private static long fingerprint(String key) {
    return SchemaNormalization.fingerprint64(key.getBytes(StandardCharsets.UTF_8));
  }
}
