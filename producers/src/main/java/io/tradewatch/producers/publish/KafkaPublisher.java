package io.tradewatch.producers.publish;

import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.producers.read.InputFormat;
import io.tradewatch.producers.read.InputReader;
import io.tradewatch.producers.read.ReaderOptions;
import io.tradewatch.producers.read.Rejection;
import io.tradewatch.producers.read.Row;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.RecordChecks;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes input files as Avro events. Keys put every revision of a series on one partition (the
 * series key), record timestamps are the start of the statistical period, and the producer is
 * idempotent with {@code acks=all}, so retries never duplicate. Rejected rows go to the dead-letter
 * topic with headers naming the file, line and reason.
 */
public final class KafkaPublisher implements AutoCloseable {
  public static final String HEADER_FILE = "tw.source.file";
  public static final String HEADER_LINE = "tw.source.line";
  public static final String HEADER_REASON = "tw.reason";

  /**
   * Wall-clock time of publishing (epoch milliseconds, decimal text): the record timestamp is the
   * statistical period, so end-to-end latency is measured from this header, which the topology
   * carries through to the outputs.
   */
  public static final String HEADER_PUBLISHED_AT = "tw.published-at";

  private static final int REJECTIONS_KEPT = 20;

  private final Producer<byte[], byte[]> producer;
  private final Topics topics;
  private final InputReader reader;

  public KafkaPublisher(Producer<byte[], byte[]> producer, Topics topics, RecordChecks checks) {
    this.producer = producer;
    this.topics = topics;
    this.reader = new InputReader(checks);
  }

  /** A publisher with its own producer; {@code clientProperties} may carry security settings. */
  public static KafkaPublisher create(Properties clientProperties, Topics topics) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    return new KafkaPublisher(
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer()),
        topics,
        RecordChecks.systemUtc());
  }

  /**
   * Publishes one file and waits until every record is acknowledged.
   *
   * @param rate records per second; 0 for as fast as possible
   * @param progress show a progress bar on stderr
   * @throws IOException when the file cannot be read or Kafka did not take a record
   */
  public PublishReport publish(
      Path file, InputFormat format, ReaderOptions options, int rate, boolean progress)
      throws IOException, InterruptedException {
    String name = file.getFileName().toString();
    Pacer pacer = new Pacer(rate);
    long[] counts = new long[2];
    Map<String, Long> skipped = new TreeMap<>();
    List<Rejection> rejections = new ArrayList<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (ProgressBar bar = progress ? bar(file) : null) {
      reader.read(
          file,
          format,
          options,
          row -> {
            try {
              pacer.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new UncheckedIOException(new InterruptedIOException("interrupted"));
            }
            if (row instanceof Row.Accepted a) {
              send(a.record(), failure);
              counts[0]++;
            } else if (row instanceof Row.Rejected r) {
              deadLetter(r.rejection(), failure);
              counts[1]++;
              if (rejections.size() < REJECTIONS_KEPT) {
                rejections.add(r.rejection());
              }
            } else if (row instanceof Row.Skipped s) {
              skipped.merge(s.reason(), 1L, Long::sum);
            }
            if (bar != null) {
              bar.step();
            }
          });
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof InterruptedIOException) {
        throw new InterruptedException("publishing " + name + " interrupted");
      }
      throw e.getCause();
    }
    producer.flush();
    if (failure.get() != null) {
      throw new IOException(
          name + ": Kafka did not accept every record: " + failure.get().getMessage(),
          failure.get());
    }
    return new PublishReport(name, format, counts[0], counts[1], skipped, List.copyOf(rejections));
  }

  /**
   * Publishes records already read (a replay harness, a test); {@link #flush} waits for them.
   *
   * @throws IOException when Kafka did not take one of them
   */
  public void publishRecords(Iterable<? extends SpecificRecord> records) throws IOException {
    AtomicReference<Exception> failure = new AtomicReference<>();
    for (SpecificRecord record : records) {
      send(record, failure);
    }
    producer.flush();
    if (failure.get() != null) {
      throw new IOException("Kafka did not accept every record: " + failure.get(), failure.get());
    }
  }

  private void send(SpecificRecord record, AtomicReference<Exception> failure) {
    if (record instanceof TradeRecord r) {
      send(topics.tradeRecords(), Keys.tradeMessageKey(r), r, Keys.tradeTimestamp(r), failure);
    } else if (record instanceof FdiRecord r) {
      send(topics.fdiRecords(), Keys.fdiMessageKey(r), r, Keys.fdiTimestamp(r), failure);
    } else if (record instanceof TargetDefinition t) {
      send(topics.targets(), Keys.targetMessageKey(t), t, Keys.targetTimestamp(t), failure);
    } else {
      throw new IllegalArgumentException("unexpected record " + record.getClass());
    }
  }

  private <V> void send(
      Topic<String, V> topic,
      String key,
      V value,
      long timestamp,
      AtomicReference<Exception> failure) {
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    RecordHeaders headers = new RecordHeaders();
    headers.add(HEADER_PUBLISHED_AT, utf8(Long.toString(System.currentTimeMillis())));
    producer.send(
        new ProducerRecord<>(topic.name(), null, timestamp, keyBytes, valueBytes, headers),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  private void deadLetter(Rejection rejection, AtomicReference<Exception> failure) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(HEADER_FILE, utf8(rejection.file()));
    headers.add(HEADER_LINE, utf8(Long.toString(rejection.line())));
    headers.add(HEADER_REASON, utf8(rejection.reason()));
    producer.send(
        new ProducerRecord<>(
            topics.deadLetter().name(),
            null,
            null,
            utf8(rejection.file()),
            utf8(rejection.raw()),
            headers),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static ProgressBar bar(Path file) throws IOException {
    long rows;
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      rows = Math.max(0, lines.count() - 1);
    }
    return new ProgressBarBuilder()
        .setTaskName(file.getFileName().toString())
        .setInitialMax(rows)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .setUnit(" rows", 1)
        .build();
  }

  @Override
  public void close() {
    producer.close();
  }
}
