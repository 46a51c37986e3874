package io.tradewatch.local;

import io.tradewatch.schemas.Topics;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the offsets of an application's topics (its internal topics and outputs) that lie past
 * their last stable offset: records of transactions still open. A {@code read_uncommitted} reader's
 * end offset is the high watermark, a {@code read_committed} reader's the last stable offset; the
 * two differ only while a transaction that wrote there is neither committed nor aborted.
 */
final class OpenTransactions implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> uncommitted;
  private final KafkaConsumer<byte[], byte[]> committed;
  private final List<TopicPartition> partitions;

  private OpenTransactions(Properties client, Set<String> topicNames) {
    uncommitted = consumer(client, "read_uncommitted");
    committed = consumer(client, "read_committed");
    partitions =
        topicNames.stream()
            .flatMap(
                topic ->
                    uncommitted.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())))
            .toList();
  }

  /** The topics the application exists with now: call after it has started processing. */
  static OpenTransactions of(Properties client, String appId, Topics topics)
      throws ExecutionException, InterruptedException {
    Set<String> written = new HashSet<>();
    topics.outputs().forEach(topic -> written.add(topic.name()));
    try (Admin admin = Admin.create(client)) {
      admin.listTopics().names().get().stream()
          .filter(name -> name.startsWith(appId + "-"))
          .forEach(written::add);
    }
    return new OpenTransactions(client, written);
  }

  /** The sum of a topic's end offsets (records and transaction markers). */
  static long endOffsets(Properties client, String topic) {
    try (OpenTransactions probe = new OpenTransactions(client, Set.of(topic))) {
      return sum(probe.uncommitted.endOffsets(probe.partitions));
    }
  }

  /**
   * Offsets past the last stable offset now. The stable offsets are read first: a high watermark
   * read after them is at least as far, so a positive answer means a transaction was open at some
   * moment of the call.
   */
  long offsets() {
    Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
    Map<TopicPartition, Long> high = uncommitted.endOffsets(partitions);
    return partitions.stream().mapToLong(tp -> high.get(tp) - stable.get(tp)).sum();
  }

  private static long sum(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  private static KafkaConsumer<byte[], byte[]> consumer(Properties client, String isolation) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public void close() {
    uncommitted.close();
    committed.close();
  }
}
