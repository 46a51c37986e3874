package io.tradewatch.schemas;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with the serdes of its key and value: the only way code in this project names a
 * topic.
 *
 * @param name the full topic name, prefix included
 * @param keySerde serde of the record key
 * @param valueSerde serde of the record value
 * @param description what the topic carries, for the README and {@code --help}
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, String description) {
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }

  @Override
  public String toString() {
    return name;
  }
}
