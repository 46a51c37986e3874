package io.tradewatch.producers.publish;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;

/**
 * The publisher's producer settings: the caller's, with idempotence and {@code acks=all} forced and
 * defaults for requests in flight, batching, compression and the timeouts where the caller set
 * none.
 */
final class ProducerSettings {
  private ProducerSettings() {}

  static Properties of(Properties client, Duration defaultTimeout) {
    Properties p = new Properties();
    p.putAll(client);
    p.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
    p.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    // One request in flight per broker: a batch the broker refused while restarting is sent again
    // before any later batch of its partition. With more, a later batch can reach the restarted
    // broker first, and a broker that has lost the producer's state takes it as the first of the
    // sequence; every retry of the earlier batch is then refused as OUT_OF_ORDER_SEQUENCE_NUMBER,
    // which the client retries until the delivery timeout expires it (KAFKA-14359).
    p.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.putIfAbsent(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(defaultTimeout.toMillis()));
    long delivery = millis(p, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
    // Without this a send waits up to 60 s for metadata per record: a file of a thousand rows
    // and no broker would block for most of a day.
    p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(delivery));
    // The client refuses delivery.timeout.ms < linger.ms + request.timeout.ms (30 s by default).
    long linger = millis(p, ProducerConfig.LINGER_MS_CONFIG);
    p.putIfAbsent(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        Long.toString(Math.max(1, Math.min(30_000, delivery - linger))));
    return p;
  }

  static long millis(Properties p, String key) {
    Object value = p.get(key);
    try {
      return Long.parseLong(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "not a number of milliseconds");
    }
  }
}
