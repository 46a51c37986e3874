package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

/**
 * A processor that sends a value only when it changed sends it again, under at-least-once, when an
 * earlier start of its task stored it; the stamp that says which start stored a value is kept with
 * the value.
 */
class StartStampTest {
  private static final Map<String, Object> AT_LEAST_ONCE =
      Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
  private static final Map<String, Object> EXACTLY_ONCE =
      Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);

  @Test
  void givenManyStartsWithinOneMillisecond_thenEachHasAStampOfItsOwn() {
    // Given the starts of every task of an instance, in a tight loop
    Set<Long> stamps = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      stamps.add(StartStamp.of(AT_LEAST_ONCE).stamp());
    }

    // Then no two share a stamp, so none takes another's values for its own
    assertThat(stamps).hasSize(10_000);
  }

  @Test
  void givenAtLeastOnce_thenOnlyValuesAnotherStartStoredAreSentAgain() {
    // Given a value stored by one start, and a later start
    StartStamp earlier = StartStamp.of(AT_LEAST_ONCE);
    StartStamp later = StartStamp.of(AT_LEAST_ONCE);
    ValueAndTimestamp<String> stored = earlier.stamp("100");

    // Then the later start sends it again, once it has stored it itself no more, and nothing
    // stored is nothing to send
    assertThat(later.writtenBefore(stored)).isTrue();
    assertThat(later.writtenBefore(later.stamp("100"))).isFalse();
    assertThat(earlier.writtenBefore(stored)).isFalse();
    assertThat(later.writtenBefore(null)).isFalse();
    assertThat(later.writtenBefore(0L)).isTrue();
  }

  @Test
  void givenExactlyOnce_thenNothingIsSentAgain() {
    // Given a value stored by an earlier start, under exactly-once (stores and outputs commit
    // together)
    ValueAndTimestamp<String> stored = StartStamp.of(EXACTLY_ONCE).stamp("100");

    // Then a later start does not send it again
    assertThat(StartStamp.of(EXACTLY_ONCE).writtenBefore(stored)).isFalse();
    assertThat(StartStamp.atomicCommits(EXACTLY_ONCE)).isTrue();
    assertThat(StartStamp.atomicCommits(AT_LEAST_ONCE)).isFalse();
  }
}
