package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tradewatch.schemas.Serdes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PendingYearsTest {
  private KeyValueStore<String, SortedMap<String, byte[]>> store;

  @BeforeEach
  void store() {
    store = TestStores.inMemory("pending", PendingYears.BUCKET);
  }

  @Test
  void
      givenChangesNotYetEmitted_whenTheProcessorRestarts_thenTheyAreStillPendingFromTheirFirstMonth() {
    PendingYears before = new PendingYears(store);
    before.mark("KZ-BNS|KAZ|ARM|TOTAL|2023", 3, header("2026-12-05T10:00:00Z"));
    before.mark("KZ-BNS|KAZ|ARM|27|2023", 1, header(""));
    before.mark("KZ-BNS|KAZ|ARM|TOTAL|2023", 5, header("2026-12-05T10:00:01Z"));
    before.mark("KZ-BNS|KAZ|ARM|TOTAL|2023", 2, header("2026-12-05T10:00:02Z"));
    before.mark("KZ-BNS|KAZ|ARM|TOTAL|2023", 4, header("2026-12-05T10:00:03Z"));

    PendingYears restarted = new PendingYears(store);

    Map<String, byte[]> due = restarted.drain();
    assertThat(due).containsOnlyKeys("KZ-BNS|KAZ|ARM|TOTAL|2023", "KZ-BNS|KAZ|ARM|27|2023");
    assertThat(due.get("KZ-BNS|KAZ|ARM|TOTAL|2023"))
        .as("from the earliest month any change touched; the publish time is not kept")
        .isEqualTo(change(2, ""));
    assertThat(due.get("KZ-BNS|KAZ|ARM|27|2023")).isEqualTo(change(1, ""));
  }

  @Test
  void givenSeveralChangesToAYear_whenDrained_thenItComesOnceFromItsFirstMonthWithTheLatestTime() {
    PendingYears pending = new PendingYears(store);
    pending.mark("KZ-BNS|KAZ|ARM|TOTAL|2023", 6, header("2026-12-05T10:00:00Z"));
    pending.mark("KZ-BNS|KAZ|ARM|TOTAL|2023", 4, header("2026-12-05T10:00:01Z"));
    pending.mark("KZ-BNS|KAZ|ARM|TOTAL|2023", 9, header("2026-12-05T10:00:02Z"));

    assertThat(pending.drain())
        .containsExactly(entry("KZ-BNS|KAZ|ARM|TOTAL|2023", change(4, "2026-12-05T10:00:02Z")));
  }

  @Test
  void givenManyChanges_whenDrained_thenEachComesOnceAndTheStoreHoldsAtMostOneEntryPerBucket() {
    PendingYears pending = new PendingYears(store);
    IntStream.range(0, 1_000)
        .forEach(i -> pending.mark("S|R|P" + i + "|TOTAL|2024", 1 + i % 12, header("")));

    assertThat(store.approximateNumEntries()).isLessThanOrEqualTo(PendingYears.BUCKETS);
    Map<String, byte[]> due = pending.drain();
    assertThat(due).hasSize(1_000);
    assertThat(due.get("S|R|P7|TOTAL|2024")).isEqualTo(change(8, ""));
    assertThat(pending.drain()).isEmpty();
    pending.forgetEmitted();
    assertThat(new PendingYears(store).drain())
        .as("cleared in the store too, once a commit wrote what they forwarded")
        .isEmpty();
  }

  @Test
  void givenDrainedYears_whenTheTaskRestartsBeforeACommitWroteTheirFigures_thenTheyAreDueAgain() {
    // Given years drained by an emission whose records no commit has written yet
    PendingYears pending = new PendingYears(store);
    pending.mark("S|R|P|TOTAL|2024", 4, header("2026-12-05T10:00:00Z"));
    pending.mark("S|R|Q|TOTAL|2024", 9, header("2026-12-05T10:00:00Z"));
    assertThat(pending.drain()).hasSize(2);
    assertThat(pending.drain()).as("drained once").isEmpty();

    // When the task restarts (a crash may have lost those records)
    Map<String, byte[]> due = new PendingYears(store).drain();

    // Then both are due again, from their months
    assertThat(due)
        .containsOnly(
            entry("S|R|P|TOTAL|2024", change(4, "")), entry("S|R|Q|TOTAL|2024", change(9, "")));
  }

  @Test
  void givenAYearChangedAgainAfterItsDrain_whenTheDrainIsWritten_thenTheYearStaysDue() {
    // Given a year drained, then changed again from a later month before a commit
    PendingYears pending = new PendingYears(store);
    pending.mark("S|R|P|TOTAL|2024", 4, header(""));
    pending.mark("S|R|Q|TOTAL|2024", 2, header(""));
    pending.drain();
    pending.mark("S|R|P|TOTAL|2024", 8, header("2026-12-05T10:00:00Z"));

    // When a commit has written what the drain forwarded
    pending.forgetEmitted();

    // Then the year changed again is due from its new month, and stays in the store
    assertThat(pending.drain())
        .containsExactly(entry("S|R|P|TOTAL|2024", change(8, "2026-12-05T10:00:00Z")));
    assertThat(new PendingYears(store).drain())
        .as("a restart before the next commit emits it again, from its earliest stored month")
        .containsOnlyKeys("S|R|P|TOTAL|2024");
  }

  @Test
  void givenAStoreWrittenWithPublishTimes_whenRead_thenItsYearsArePendingFromTheirMonths() {
    // The layout before the publish time moved to memory: month and time in the stored value.
    PendingYears writer = new PendingYears(store);
    writer.mark("S|R|P|TOTAL|2024", 7, header(""));
    String old = "S|R|Q|TOTAL|2024";
    store.put(
        Integer.toString(Math.floorMod(old.hashCode(), PendingYears.BUCKETS)),
        PendingYears.BUCKET
            .deserializer()
            .deserialize("", oldBucket(old, change(3, "2026-12-05T10:00:00Z"))));

    Map<String, byte[]> due = new PendingYears(store).drain();

    assertThat(due.get(old)).isEqualTo(change(3, ""));
    assertThat(due.get("S|R|P|TOTAL|2024")).isEqualTo(change(7, ""));
  }

  @Test
  void givenThousandsOfYearsMarkedWithinOneCommit_whenCommitted_thenEachBucketIsEncodedOnce() {
    AtomicInteger encoded = new AtomicInteger();
    Serde<SortedMap<String, byte[]>> counting =
        org.apache.kafka.common.serialization.Serdes.serdeFrom(
            (topic, bucket) -> {
              encoded.incrementAndGet();
              return PendingYears.BUCKET.serializer().serialize(topic, bucket);
            },
            PendingYears.BUCKET.deserializer());
    KeyValueStore<String, SortedMap<String, byte[]>> folding =
        FoldingStore.over(
                Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("pending-folded"), Serdes.STRING, counting)
                    .withLoggingDisabled())
            .build();
    folding.init(new MockProcessorContext<>().getStateStoreContext(), folding);
    PendingYears pending = new PendingYears(folding);
    IntStream.range(0, 5_000)
        .forEach(i -> pending.mark("S|R|P" + i + "|TOTAL|2024", 1 + i % 12, header("")));

    ((WrappedStateStore<?, ?, ?>) folding).flushCache();

    assertThat(encoded).hasValue(PendingYears.BUCKETS);
    assertThat(new PendingYears(folding).drain())
        .as("a restart after the commit finds every year")
        .hasSize(5_000);
  }

  private static byte[] oldBucket(String key, byte[] value) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeInt(1);
      out.writeUTF(key);
      out.writeShort(value.length);
      out.write(value);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] header(String publishedAt) {
    return publishedAt.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] change(int fromMonth, String header) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[1 + h.length];
    out[0] = (byte) fromMonth;
    System.arraycopy(h, 0, out, 1, h.length);
    return out;
  }
}
