package io.tradewatch.streams.topology;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A context for a fixed-key processor under test, which the test utilities lack: it hands out the
 * given stores and application configs and adds every forwarded value to a list; anything else it
 * refuses.
 */
final class CapturingFixedKeyContext {
  private CapturingFixedKeyContext() {}

  static <V> FixedKeyProcessorContext<String, V> of(
      Map<String, StateStore> stores, Map<String, Object> appConfigs, List<V> forwarded) {
    return of(stores, appConfigs, forwarded, () -> Optional.empty());
  }

  /** As above, processing records whose topic, partition and offset {@code metadata} says. */
  @SuppressWarnings("unchecked")
  static <V> FixedKeyProcessorContext<String, V> of(
      Map<String, StateStore> stores,
      Map<String, Object> appConfigs,
      List<V> forwarded,
      Supplier<Optional<RecordMetadata>> metadata) {
    return (FixedKeyProcessorContext<String, V>)
        Proxy.newProxyInstance(
            CapturingFixedKeyContext.class.getClassLoader(),
            new Class<?>[] {FixedKeyProcessorContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getStateStore" -> stores.get((String) args[0]);
                  case "appConfigs" -> appConfigs;
                  case "recordMetadata" -> metadata.get();
                  case "forward" -> {
                    forwarded.add(((FixedKeyRecord<String, V>) args[0]).value());
                    yield null;
                  }
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
