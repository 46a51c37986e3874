package io.tradewatch.producers.publish;

import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.producers.read.Rejection;
import io.tradewatch.schemas.DeadLetterHeaders;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import io.tradewatch.schemas.WireHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What each input becomes on the wire: its topic, key, timestamp (the start of its statistical
 * period, not the wall clock), headers and bytes, serialized with the serdes of the {@link Topics}
 * registry. Nothing here sends; {@link KafkaPublisher} delivers what this builds.
 */
final class WireRecords {
  private final Topics topics;

  WireRecords(Topics topics) {
    this.topics = topics;
  }

  /**
   * An input record.
   *
   * @param file the name of the file it was read from, carried with its line
   * @param line its line in {@code file}, or 0 for records not read from a file (no file headers)
   */
  ProducerRecord<byte[], byte[]> of(String file, long line, SpecificRecord record) {
    if (record instanceof TradeRecord r) {
      ProducerRecord<byte[], byte[]> figure =
          record(
              file,
              line,
              topics.tradeRecords(),
              null,
              Keys.tradeMessageKey(r),
              r,
              Keys.tradeTimestamp(r));
      if (r.getMonth() != null) {
        // KafkaPublisher releases every month of the figures it publishes, after them.
        figure.headers().add(WireHeaders.RELEASE_FOLLOWS, new byte[0]);
      }
      return figure;
    } else if (record instanceof FdiRecord r) {
      return record(
          file, line, topics.fdiRecords(), null, Keys.fdiMessageKey(r), r, Keys.fdiTimestamp(r));
    } else if (record instanceof TargetDefinition t) {
      return record(
          file, line, topics.targets(), null, Keys.targetMessageKey(t), t, Keys.targetTimestamp(t));
    }
    throw new IllegalArgumentException("unexpected record " + record.getClass());
  }

  /**
   * A row the readers rejected, for the dead-letter topic: its raw text as the value, keyed by the
   * file, with headers naming file, line and reason. No timestamp: a dead letter is stamped when it
   * is rejected, and ages out like a log line.
   */
  ProducerRecord<byte[], byte[]> deadLetter(Rejection rejection) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(WireHeaders.FILE, utf8(rejection.file()));
    headers.add(WireHeaders.LINE, utf8(Long.toString(rejection.line())));
    headers.add(DeadLetterHeaders.REASON, utf8(rejection.reason()));
    return new ProducerRecord<>(
        topics.deadLetter().name(),
        null,
        null,
        utf8(rejection.file()),
        utf8(rejection.raw()),
        headers);
  }

  /**
   * The copies of a release: one per partition of the figures ({@code parts}, 0 when unknown: one
   * copy, partitioned by key), each in the same partition of the releases topic and carrying the
   * offset of the last figure published there ({@code lastOffsets}): the topology applies a copy
   * only once it has read that far, and the release once every copy is in (see ReleaseSequencer).
   * Stamped with the end of the released month, or now for the current month: brokers refuse
   * timestamps in the future.
   */
  List<ProducerRecord<byte[], byte[]>> releaseCopies(
      Release release, int parts, Map<TopicPartition, Long> lastOffsets) {
    String figures = topics.tradeRecords().name();
    long timestamp = Math.min(Keys.releaseTimestamp(release), System.currentTimeMillis());
    int copies = Math.max(parts, 1);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(copies);
    for (int part = 0; part < copies; part++) {
      Release copy =
          Release.newBuilder(release)
              .setPart(part)
              .setParts(copies)
              .setAfterOffset(lastOffsets.getOrDefault(new TopicPartition(figures, part), -1L))
              .build();
      records.add(
          record(
              "",
              0,
              topics.releases(),
              parts > 0 ? part : null,
              Keys.releaseMessageKey(release),
              copy,
              timestamp));
    }
    return records;
  }

  private static <V> ProducerRecord<byte[], byte[]> record(
      String file,
      long line,
      Topic<String, V> topic,
      Integer partition,
      String key,
      V value,
      long timestamp) {
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    RecordHeaders headers = new RecordHeaders();
    headers.add(WireHeaders.PUBLISHED_AT, utf8(Long.toString(System.currentTimeMillis())));
    if (line > 0) {
      // Carried by the topology to its dead letters, so a row it rejects (a stale revision, a
      // value it cannot process) is named by file and line like a row the readers reject.
      headers.add(WireHeaders.FILE, utf8(file));
      headers.add(WireHeaders.LINE, utf8(Long.toString(line)));
    }
    return new ProducerRecord<>(topic.name(), partition, timestamp, keyBytes, valueBytes, headers);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
