package io.tradewatch.producers.publish;

import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.producers.read.InputFormat;
import io.tradewatch.producers.read.Parsed;
import io.tradewatch.producers.read.ReaderOptions;
import io.tradewatch.producers.read.Rejection;
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
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes input files as Avro events. Keys put every revision of a series on one partition (the
 * series key), record timestamps are the start of the statistical period (not the wall clock), and
 * the producer is idempotent with {@code acks=all}, so retries never duplicate. Rejected rows go to
 * the dead-letter topic with headers naming the file, line and reason.
 *
 * <p>Values are serialized with the serdes of the {@link Topics} registry, so the producer itself
 * moves bytes; tests hand in a {@code MockProducer<byte[], byte[]>}.
 *
 * <p>Not thread-safe: publish files one after another (their order is kept).
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

  /** Rejections kept in a {@link PublishReport}; all of them go to the dead-letter topic. */
  public static final int REJECTIONS_KEPT = 20;

  private final Producer<byte[], byte[]> producer;
  private final Topics topics;
  private final RecordChecks checks;

  /** A publisher on a given producer (a {@code MockProducer} in tests). */
  public KafkaPublisher(Producer<byte[], byte[]> producer, Topics topics, RecordChecks checks) {
    this.producer = producer;
    this.topics = topics;
    this.checks = checks;
  }

  /**
   * A publisher with its own producer.
   *
   * @param producerProperties client settings (bootstrap servers, security), see {@link
   *     #producerProperties}
   */
  public KafkaPublisher(Topics topics, Properties producerProperties) {
    this(
        new KafkaProducer<>(
            producerProperties(producerProperties),
            new ByteArraySerializer(),
            new ByteArraySerializer()),
        topics,
        RecordChecks.systemUtc());
  }

  /** Same as {@link #KafkaPublisher(Topics, Properties)}. */
  public static KafkaPublisher create(Properties clientProperties, Topics topics) {
    return new KafkaPublisher(topics, clientProperties);
  }

  /**
   * The producer settings: a copy of {@code client} (never modified) with idempotence and {@code
   * acks=all} forced, and defaults for batching, compression and delivery timeout where the caller
   * set none. Serializers are not taken from the caller: the topic serdes produce the bytes.
   */
  public static Properties producerProperties(Properties client) {
    Properties p = new Properties();
    p.putAll(client);
    p.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
    p.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    return p;
  }

  /** Publishes one file as fast as possible, without a progress bar; see the long form. */
  public PublishReport publish(Path file, InputFormat format, ReaderOptions options)
      throws IOException, InterruptedException {
    return publish(file, format, options, 0, false);
  }

  /**
   * Publishes one file and waits until every record is acknowledged.
   *
   * @param rate records per second; 0 for as fast as possible
   * @param progress show a progress bar on stderr
   * @throws IOException when the file cannot be read or Kafka did not take a record; the message
   *     names the file
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
      format
          .reader(checks, options)
          .read(
              file,
              row -> {
                pace(pacer);
                if (row instanceof Parsed.Accepted<? extends SpecificRecord> a) {
                  send(name, a.record(), failure);
                  counts[0]++;
                } else if (row instanceof Parsed.Rejected<? extends SpecificRecord> r) {
                  deadLetter(name, r.rejection(), failure);
                  counts[1]++;
                  if (rejections.size() < REJECTIONS_KEPT) {
                    rejections.add(r.rejection());
                  }
                } else if (row instanceof Parsed.Skipped<? extends SpecificRecord> s) {
                  skipped.merge(s.reason(), 1L, Long::sum);
                }
                if (bar != null) {
                  bar.step();
                }
              });
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof InterruptedIOException) {
        Thread.currentThread().interrupt();
        throw new InterruptedException("publishing " + name + " interrupted");
      }
      throw e.getCause();
    }
    flush(name, failure);
    return new PublishReport(name, format, counts[0], counts[1], skipped, List.copyOf(rejections));
  }

  /**
   * Publishes records already read (a replay harness, a test) and waits for them.
   *
   * @throws IOException when Kafka did not take one of them
   */
  public void publishRecords(Iterable<? extends SpecificRecord> records) throws IOException {
    AtomicReference<Exception> failure = new AtomicReference<>();
    for (SpecificRecord record : records) {
      try {
        send("records", record, failure);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    flush("records", failure);
  }

  private void flush(String name, AtomicReference<Exception> failure) throws IOException {
    try {
      producer.flush();
    } catch (KafkaException e) {
      failure.compareAndSet(null, e);
    }
    Exception e = failure.get();
    if (e != null) {
      throw new IOException(name + ": Kafka did not accept every record: " + e.getMessage(), e);
    }
  }

  private static void pace(Pacer pacer) {
    try {
      pacer.await();
    } catch (InterruptedException e) {
      throw new UncheckedIOException(new InterruptedIOException("interrupted"));
    }
  }

  private void send(String file, SpecificRecord record, AtomicReference<Exception> failure) {
    if (record instanceof TradeRecord r) {
      send(
          file, topics.tradeRecords(), Keys.tradeMessageKey(r), r, Keys.tradeTimestamp(r), failure);
    } else if (record instanceof FdiRecord r) {
      send(file, topics.fdiRecords(), Keys.fdiMessageKey(r), r, Keys.fdiTimestamp(r), failure);
    } else if (record instanceof TargetDefinition t) {
      send(file, topics.targets(), Keys.targetMessageKey(t), t, Keys.targetTimestamp(t), failure);
    } else {
      throw new IllegalArgumentException("unexpected record " + record.getClass());
    }
  }

  private <V> void send(
      String file,
      Topic<String, V> topic,
      String key,
      V value,
      long timestamp,
      AtomicReference<Exception> failure) {
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    RecordHeaders headers = new RecordHeaders();
    headers.add(HEADER_PUBLISHED_AT, utf8(Long.toString(System.currentTimeMillis())));
    send(
        file,
        new ProducerRecord<>(topic.name(), null, timestamp, keyBytes, valueBytes, headers),
        failure);
  }

  private void deadLetter(String file, Rejection rejection, AtomicReference<Exception> failure) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(HEADER_FILE, utf8(rejection.file()));
    headers.add(HEADER_LINE, utf8(Long.toString(rejection.line())));
    headers.add(HEADER_REASON, utf8(rejection.reason()));
    // No timestamp: a dead letter is stamped when it is rejected, and ages out like a log line.
    send(
        file,
        new ProducerRecord<>(
            topics.deadLetter().name(),
            null,
            null,
            utf8(rejection.file()),
            utf8(rejection.raw()),
            headers),
        failure);
  }

  /**
   * Sends asynchronously; a failure reported to the callback surfaces at the flush. A send that
   * fails at once (metadata timeout, closed producer) stops the file: the next would fail alike.
   */
  private void send(
      String file, ProducerRecord<byte[], byte[]> record, AtomicReference<Exception> failure) {
    Callback callback =
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        };
    try {
      producer.send(record, callback);
    } catch (KafkaException e) {
      throw new UncheckedIOException(
          new IOException(
              file + ": Kafka refused a record for " + record.topic() + ": " + e.getMessage(), e));
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A bar over the file's lines (an estimate when quoted fields span lines). */
  private static ProgressBar bar(Path file) throws IOException {
    long rows;
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      rows = Math.max(0, lines.count() - 1);
    }
    return new ProgressBarBuilder()
        .setTaskName(file.getFileName().toString())
        .setInitialMax(rows)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setUnit(" rows", 1)
        .build();
  }

  @Override
  public void close() {
    producer.close();
  }
}
