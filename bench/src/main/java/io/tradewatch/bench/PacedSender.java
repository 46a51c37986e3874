package io.tradewatch.bench;

import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import io.tradewatch.schemas.WireHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes trade records at a fixed rate as {@code KafkaPublisher} does (country-pair key, period
 * timestamp, topic serdes, idempotent {@code acks=all}), each stamped with the wall-clock time it
 * was sent in the {@value WireHeaders#PUBLISHED_AT} header.
 *
 * <p>The benchmark sends by itself rather than through {@code KafkaPublisher} so the latency figure
 * does not depend on whether the producers module stamps the header (and with which linger): this
 * measures the topology's latency, from send to an output consumer.
 */
final class PacedSender {
  private final Properties properties;
  private final Topic<String, TradeRecord> topic;

  PacedSender(Properties clientProperties, Topics topics) {
    properties = new Properties();
    properties.putAll(clientProperties);
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    // The Kafka client's default; KafkaPublisher's 20 ms favours bulk loads over latency.
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    this.topic = topics.tradeRecords();
  }

  void send(Iterable<TradeRecord> records, int rate) throws IOException, InterruptedException {
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
      long next = System.nanoTime();
      for (TradeRecord r : records) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        next += interval;
        RecordHeaders headers = new RecordHeaders();
        headers.add(
            WireHeaders.PUBLISHED_AT,
            Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
        producer.send(
            new ProducerRecord<>(
                topic.name(),
                null,
                Keys.tradeTimestamp(r),
                topic.keySerde().serializer().serialize(topic.name(), Keys.tradeMessageKey(r)),
                topic.valueSerde().serializer().serialize(topic.name(), r),
                headers),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IOException("Kafka did not accept every record: " + failure.get(), failure.get());
    }
  }
}
