package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.schemas.Serdes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PendingYearsTest {
  private KeyValueStore<String, byte[]> store;

  @BeforeEach
  void store() {
    store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("pending"), Serdes.STRING, Serdes.BYTES)
            .withLoggingDisabled()
            .build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
  }

  @Test
  void givenChangesNotYetEmitted_whenTheProcessorRestarts_thenTheyAreStillPending() {
    PendingYears before = new PendingYears(store);
    byte[] withHeader = change(3, "2026-12-05T10:00:00Z");
    before.put("KZ-BNS|KAZ|ARM|TOTAL|2023", withHeader);
    before.put("KZ-BNS|KAZ|ARM|27|2023", change(1, ""));
    before.put("KZ-BNS|KAZ|ARM|TOTAL|2023", change(2, "2026-12-05T10:00:01Z"));

    PendingYears restarted = new PendingYears(store);

    Map<String, byte[]> due = restarted.drain();
    assertThat(due).containsOnlyKeys("KZ-BNS|KAZ|ARM|TOTAL|2023", "KZ-BNS|KAZ|ARM|27|2023");
    assertThat(due.get("KZ-BNS|KAZ|ARM|TOTAL|2023"))
        .as("the latest change of a year, header included")
        .isEqualTo(change(2, "2026-12-05T10:00:01Z"));
    assertThat(due.get("KZ-BNS|KAZ|ARM|27|2023")).isEqualTo(change(1, ""));
  }

  @Test
  void givenManyChanges_whenDrained_thenEachComesOnceAndTheStoreHoldsAtMostOneEntryPerBucket() {
    PendingYears pending = new PendingYears(store);
    IntStream.range(0, 1_000)
        .forEach(i -> pending.put("S|R|P" + i + "|TOTAL|2024", change(1 + i % 12, "")));

    assertThat(store.approximateNumEntries()).isLessThanOrEqualTo(PendingYears.BUCKETS);
    assertThat(pending.get("S|R|P7|TOTAL|2024")).isEqualTo(change(8, ""));
    assertThat(pending.drain()).hasSize(1_000);
    assertThat(pending.drain()).isEmpty();
    assertThat(new PendingYears(store).drain()).as("cleared in the store too").isEmpty();
  }

  private static byte[] change(int fromMonth, String header) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[1 + h.length];
    out[0] = (byte) fromMonth;
    System.arraycopy(h, 0, out, 1, h.length);
    return out;
  }
}
