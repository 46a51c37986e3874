package io.tradewatch.streams.topology;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * A context for a fixed-key processor under test, which the test utilities lack: it hands out the
 * given stores and application configs and adds every forwarded value to a list; anything else it
 * refuses.
 */
final class CapturingFixedKeyContext {
  private CapturingFixedKeyContext() {}

  @SuppressWarnings("unchecked")
  static <V> FixedKeyProcessorContext<String, V> of(
      Map<String, StateStore> stores, Map<String, Object> appConfigs, List<V> forwarded) {
    return (FixedKeyProcessorContext<String, V>)
        Proxy.newProxyInstance(
            CapturingFixedKeyContext.class.getClassLoader(),
            new Class<?>[] {FixedKeyProcessorContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getStateStore" -> stores.get((String) args[0]);
                  case "appConfigs" -> appConfigs;
                  case "forward" -> {
                    forwarded.add(((FixedKeyRecord<String, V>) args[0]).value());
                    yield null;
                  }
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
