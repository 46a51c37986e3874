package io.tradewatch.producers.publish;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.UnknownProducerIdException;

/** What the broker answered to one file's sends. */
final class Delivery {
  private Delivery() {}

  /** A record the broker lost, and why. */
  record Lost(ProducerRecord<byte[], byte[]> record, Exception error) {}

  /** The answers to one file's sends, counted on the client's I/O thread. */
  static final class Tally {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong confirmed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicReference<Exception> failure = new AtomicReference<>();

    /** Records to send again at the next flush (not failures, not counted as sent). */
    final Queue<Lost> lost = new ConcurrentLinkedQueue<>();

    /** The last offset written per partition of each topic: where a release's figures end. */
    final Map<TopicPartition, Long> lastOffsets = new ConcurrentHashMap<>();

    volatile long lastAnswer = System.nanoTime();

    void answer(ProducerRecord<byte[], byte[]> record, RecordMetadata metadata, Exception e) {
      if (e instanceof OutOfOrderSequenceException || e instanceof UnknownProducerIdException) {
        sent.decrementAndGet();
        lost.add(new Lost(record, e));
        return;
      }
      if (e == null) {
        confirmed.incrementAndGet();
        lastAnswer = System.nanoTime();
        if (metadata != null && metadata.hasOffset()) {
          lastOffsets.merge(
              new TopicPartition(metadata.topic(), metadata.partition()),
              metadata.offset(),
              Math::max);
        }
      } else {
        failed.incrementAndGet();
        failure.compareAndSet(null, e);
      }
    }
  }
}
