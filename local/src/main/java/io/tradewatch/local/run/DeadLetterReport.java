package io.tradewatch.local.run;

import io.tradewatch.schemas.CommittedReads;
import io.tradewatch.schemas.DeadLetterHeaders;
import io.tradewatch.schemas.Topics;
import io.tradewatch.schemas.WireHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The records the topology dead-lettered during a run (those the readers rejected are reported as
 * they are read): counts by check and the first few of each, named by file and line when the
 * producers put them on the record, else by topic, partition and offset.
 *
 * @param byCheck per check ({@code stale-revision}, {@code processing-error}, ...), every record
 * @param total how many
 */
public record DeadLetterReport(Map<String, List<String>> byCheck, long total) {
  /** Records shown per check. */
  public static final int SHOWN = 5;

  /** Where the dead-letter topic ends now, per partition. */
  static Map<TopicPartition, Long> endOffsets(Properties client, Topics topics) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(client)) {
      return consumer.endOffsets(partitions(consumer, topics));
    }
  }

  /** The topology's dead letters written after {@code from} (see {@link #endOffsets}). */
  public static DeadLetterReport read(
      Properties client, Topics topics, Map<TopicPartition, Long> from) {
    Map<String, List<String>> byCheck = new TreeMap<>();
    long total = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(client)) {
      List<TopicPartition> partitions = partitions(consumer, topics);
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      for (TopicPartition tp : partitions) {
        consumer.seek(tp, from.getOrDefault(tp, 0L));
      }
      // Positions, not the offsets of the records read: the topology writes its dead letters in
      // transactions, and the commit marker after the last one is never returned by poll.
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          String check = header(r, DeadLetterHeaders.CHECK);
          if (check == null) {
            continue; // a row the readers rejected: already reported as it was read
          }
          total++;
          byCheck.computeIfAbsent(check, c -> new ArrayList<>()).add(describe(r));
        }
      }
    }
    return new DeadLetterReport(byCheck, total);
  }

  private static String describe(ConsumerRecord<byte[], byte[]> r) {
    String file = header(r, WireHeaders.FILE);
    String line = header(r, WireHeaders.LINE);
    String where =
        file != null
            ? file + (line == null ? "" : ":" + line)
            : header(r, DeadLetterHeaders.SOURCE_TOPIC) != null
                ? header(r, DeadLetterHeaders.SOURCE_TOPIC)
                    + "-"
                    + header(r, DeadLetterHeaders.SOURCE_PARTITION)
                    + "@"
                    + header(r, DeadLetterHeaders.SOURCE_OFFSET)
                : "(no input record)";
    String message = header(r, DeadLetterHeaders.MESSAGE);
    return where + ": " + (message == null ? "(no reason given)" : message);
  }

  /** For a person: the count, then per check its count and its first records. */
  public String render() {
    if (total == 0) {
      return "";
    }
    StringBuilder s =
        new StringBuilder()
            .append("The topology rejected ")
            .append(total)
            .append(total == 1 ? " record" : " records")
            .append(" (in the dead-letter topic):\n");
    byCheck.forEach(
        (check, records) -> {
          s.append("  ").append(check).append(": ").append(records.size()).append('\n');
          records.stream().limit(SHOWN).forEach(r -> s.append("    ").append(r).append('\n'));
          if (records.size() > SHOWN) {
            s.append("    … and ").append(records.size() - SHOWN).append(" more\n");
          }
        });
    return s.toString();
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static KafkaConsumer<byte[], byte[]> consumer(Properties client) {
    Properties p = CommittedReads.consumerProperties(client);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<byte[], byte[]> consumer, Topics topics) {
    String name = topics.deadLetter().name();
    List<PartitionInfo> infos = consumer.partitionsFor(name);
    return infos == null
        ? List.of()
        : infos.stream().map(i -> new TopicPartition(name, i.partition())).toList();
  }
}
