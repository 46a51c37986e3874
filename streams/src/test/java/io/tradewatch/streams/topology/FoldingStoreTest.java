package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.schemas.Serdes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FoldingStoreTest {
  private final AtomicInteger encoded = new AtomicInteger();
  private final AtomicInteger decoded = new AtomicInteger();
  private KeyValueStore<String, String> store;
  private KeyValueStore<String, String> below;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void store() {
    Serializer<String> counting =
        (topic, value) -> {
          encoded.incrementAndGet();
          return new StringSerializer().serialize(topic, value);
        };
    Deserializer<String> countingReads =
        (topic, bytes) -> {
          decoded.incrementAndGet();
          return Serdes.STRING.deserializer().deserialize(topic, bytes);
        };
    Serde<String> values =
        org.apache.kafka.common.serialization.Serdes.serdeFrom(counting, countingReads);
    store =
        FoldingStore.over(
                Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("cells"), Serdes.STRING, values)
                    .withLoggingDisabled())
            .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    below = ((WrappedStateStore<KeyValueStore<String, String>, String, String>) store).wrapped();
  }

  private void flushBeforeCommit() {
    ((WrappedStateStore<?, ?, ?>) store).flushCache();
  }

  @Test
  void givenACellRewrittenByManyFiguresOfOneCommit_whenFlushed_thenItIsEncodedOnceWithTheLast() {
    for (int i = 1; i <= 50; i++) {
      store.put("KZ-BNS|KAZ|ARM|TOTAL|X|2024-03", "codes:" + i);
    }

    assertThat(store.get("KZ-BNS|KAZ|ARM|TOTAL|X|2024-03")).isEqualTo("codes:50");
    assertThat(encoded).as("nothing encoded before the commit").hasValue(0);
    assertThat(below.get("KZ-BNS|KAZ|ARM|TOTAL|X|2024-03")).isNull();

    flushBeforeCommit();

    assertThat(encoded).as("one encoding for fifty puts").hasValue(1);
    assertThat(below.get("KZ-BNS|KAZ|ARM|TOTAL|X|2024-03")).isEqualTo("codes:50");
    assertThat(store.get("KZ-BNS|KAZ|ARM|TOTAL|X|2024-03")).isEqualTo("codes:50");
  }

  @Test
  void givenHeldAndStoredValues_whenScannedByPrefix_thenTheScanSeesBothAndOnlyItsOwnAreWritten() {
    store.put("KZ-BNS|KAZ|ARM|TOTAL|X|2023-12", "stored");
    flushBeforeCommit();
    encoded.set(0);
    store.put("KZ-BNS|KAZ|ARM|TOTAL|X|2024-01", "held");
    store.put("KZ-BNS|KAZ|ARM|TOTAL|X|2023-12", "revised");
    store.put("KZ-BNS|KAZ|CHN|TOTAL|X|2024-01", "other pair");

    List<KeyValue<String, String>> scanned = new ArrayList<>();
    try (KeyValueIterator<String, String> it =
        store.prefixScan("KZ-BNS|KAZ|ARM|", new StringSerializer())) {
      it.forEachRemaining(scanned::add);
    }

    assertThat(scanned)
        .containsExactly(
            KeyValue.pair("KZ-BNS|KAZ|ARM|TOTAL|X|2023-12", "revised"),
            KeyValue.pair("KZ-BNS|KAZ|ARM|TOTAL|X|2024-01", "held"));
    assertThat(encoded).as("the other pair's value stays held").hasValue(2);
    assertThat(below.get("KZ-BNS|KAZ|CHN|TOTAL|X|2024-01")).isNull();
    assertThat(store.get("KZ-BNS|KAZ|CHN|TOTAL|X|2024-01")).isEqualTo("other pair");
  }

  @Test
  void givenHeldValues_whenTheTaskIsRecycledWithoutACommit_thenTheyAreDroppedWithTheirInput() {
    store.put("KZ-BNS|KAZ|ARM|TOTAL|X|2024-01", "committed");
    flushBeforeCommit();
    store.put("KZ-BNS|KAZ|ARM|TOTAL|X|2024-01", "not committed");

    ((WrappedStateStore<?, ?, ?>) store).clearCache();

    assertThat(store.get("KZ-BNS|KAZ|ARM|TOTAL|X|2024-01")).isEqualTo("committed");
    flushBeforeCommit();
    assertThat(below.get("KZ-BNS|KAZ|ARM|TOTAL|X|2024-01")).isEqualTo("committed");
  }

  @Test
  void givenAHeldValueOverAStoredOne_whenDeleted_thenBothAreGoneAndTheHeldOneIsReturned() {
    store.put("k", "stored");
    flushBeforeCommit();
    store.put("k", "held");

    assertThat(store.delete("k")).isEqualTo("held");

    flushBeforeCommit();
    assertThat(store.get("k")).isNull();
    assertThat(below.get("k")).isNull();
    assertThat(store.putIfAbsent("k", "again")).isNull();
    assertThat(store.putIfAbsent("k", "ignored")).isEqualTo("again");
  }

  @Test
  void givenAStoredCell_whenReadByTheRevisionCheckAndTheLedgerInOneCommit_thenItIsDecodedOnce() {
    store.put("KZ-BNS|KAZ|ARM|TOTAL|X|2024-03", "codes");
    flushBeforeCommit();

    store.get("KZ-BNS|KAZ|ARM|TOTAL|X|2024-03");
    store.get("KZ-BNS|KAZ|ARM|TOTAL|X|2024-03");
    store.get("KZ-BNS|KAZ|ARM|TOTAL|X|2024-03");

    assertThat(decoded).hasValue(1);
    flushBeforeCommit();
    below.put("KZ-BNS|KAZ|ARM|TOTAL|X|2024-03", "restored");
    assertThat(store.get("KZ-BNS|KAZ|ARM|TOTAL|X|2024-03"))
        .as("after a commit, read from the store below again")
        .isEqualTo("restored");
  }

  @Test
  void givenAQueryThreadReading_whenTheStreamThreadWritesBack_thenTheQueryKeepsNothing()
      throws InterruptedException {
    store.put("k", "v1");
    flushBeforeCommit();
    Thread query = new Thread(() -> store.get("k"));
    query.start();
    query.join();

    below.put("k", "v2");

    assertThat(store.get("k")).as("the query thread's read was not kept").isEqualTo("v2");
  }
}
