package io.tradewatch.streams.topology;

import io.tradewatch.schemas.Serdes;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/** Stores for processors under test: in memory, without changelog, ready to use. */
final class TestStores {
  private TestStores() {}

  /** A key-value store named {@code name} with string keys, initialized. */
  static <V> KeyValueStore<String, V> inMemory(String name, Serde<V> values) {
    KeyValueStore<String, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.STRING, values)
            .withLoggingDisabled()
            .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    return store;
  }

  /** A timestamped key-value store named {@code name} with string keys, initialized. */
  static <V> TimestampedKeyValueStore<String, V> timestamped(String name, Serde<V> values) {
    TimestampedKeyValueStore<String, V> store =
        Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(name), Serdes.STRING, values)
            .withLoggingDisabled()
            .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    return store;
  }
}
