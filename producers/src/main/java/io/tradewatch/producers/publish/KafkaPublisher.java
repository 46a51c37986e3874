package io.tradewatch.producers.publish;

import io.tradewatch.avro.Release;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.producers.read.InputFormat;
import io.tradewatch.producers.read.Parsed;
import io.tradewatch.producers.read.ReaderOptions;
import io.tradewatch.producers.read.Rejection;
import io.tradewatch.schemas.RecordChecks;
import io.tradewatch.schemas.Releases;
import io.tradewatch.schemas.Topics;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes input files as Avro events. Keys put every figure of a country pair, and so every
 * revision of a figure, on one partition ({@code Keys}), record timestamps are the start of the
 * statistical period (not the wall clock), and the producer is idempotent with {@code acks=all}, so
 * retries never duplicate. Rejected rows go to the dead-letter topic with headers naming the file,
 * line and reason.
 *
 * <p>When Kafka is unreachable (at the start or in the middle of a file) the client retries with
 * backoff for at most the delivery timeout ({@code delivery.timeout.ms}, which also bounds {@code
 * max.block.ms} here), a notice says every few seconds how far it got, and the file then fails with
 * a {@link KafkaUnavailableException} that counts the records confirmed and failed. Nothing is
 * dropped silently: a file succeeds only when every record sent was acknowledged.
 *
 * <p>What "no duplicates" means. In the topic: this class sends each row once per run, and the
 * idempotent producer keeps its own retries from duplicating records. That is not a promise of
 * exactly one copy: a rerun after a failure appends the file's records again (idempotence does not
 * span producer sessions), and a broker that shuts down with batches in flight may keep a few twice
 * (seen in tests: 13 to 18 of 50 000 rows across a restart of the only broker). Every copy is
 * identical (same key, record key, revision and value; only the {@code tw.published-at} header
 * differs). Downstream: the topology treats a revision it has already seen as a no-op, so its
 * outputs are those of one clean run. Dead letters of a rerun file are appended again.
 *
 * <p>What each record becomes on the wire (topic, key, timestamp, headers, bytes) is {@link
 * WireRecords}'s; this class delivers it, so the producer itself moves bytes; tests hand in a
 * {@code MockProducer<byte[], byte[]>}.
 *
 * <p>Not thread-safe: publish files one after another (their order is kept).
 */
public final class KafkaPublisher implements AutoCloseable {
  /** Rejections kept in a {@link PublishReport}; all of them go to the dead-letter topic. */
  public static final int REJECTIONS_KEPT = 20;

  /** How long Kafka may be unreachable before a file fails, unless the client settings say. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  /** How often records a restarted broker lost are sent again before the file fails. */
  private static final int RESEND_ROUNDS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);

  private final Producer<byte[], byte[]> producer;
  private final Topics topics;
  private final WireRecords wire;
  private final RecordChecks checks;
  private final String servers;
  private final Duration timeout;
  private volatile Consumer<String> notices = LOG::warn;

  /** A publisher on a given producer (a {@code MockProducer} in tests). */
  public KafkaPublisher(Producer<byte[], byte[]> producer, Topics topics, RecordChecks checks) {
    this(producer, topics, checks, "the Kafka cluster", DEFAULT_TIMEOUT);
  }

  /**
   * A publisher with its own producer.
   *
   * @param producerProperties client settings (bootstrap servers, security), see {@link
   *     #producerProperties}
   */
  public KafkaPublisher(Topics topics, Properties producerProperties) {
    this(producerProperties(producerProperties), topics);
  }

  private KafkaPublisher(Properties settings, Topics topics) {
    this(
        new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer()),
        topics,
        RecordChecks.systemUtc(),
        settings.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "the Kafka cluster"),
        Duration.ofMillis(
            ProducerSettings.millis(settings, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)));
  }

  private KafkaPublisher(
      Producer<byte[], byte[]> producer,
      Topics topics,
      RecordChecks checks,
      String servers,
      Duration timeout) {
    this.producer = producer;
    this.topics = topics;
    this.wire = new WireRecords(topics);
    this.checks = checks;
    this.servers = servers;
    this.timeout = timeout;
  }

  /** Same as {@link #KafkaPublisher(Topics, Properties)}. */
  public static KafkaPublisher create(Properties clientProperties, Topics topics) {
    return new KafkaPublisher(topics, clientProperties);
  }

  /**
   * Where the notices go while Kafka does not answer (one line every few seconds, naming the file,
   * the broker and the records confirmed so far); logged as warnings unless set.
   */
  public void onWaiting(Consumer<String> notices) {
    this.notices = notices;
  }

  /**
   * The producer settings: a copy of {@code client} (never modified) with idempotence and {@code
   * acks=all} forced, and defaults for batching, compression and delivery timeout where the caller
   * set none. Serializers are not taken from the caller: the topic serdes produce the bytes.
   *
   * <p>The delivery timeout ({@link #DEFAULT_TIMEOUT} unless set) is the one bound on an
   * unreachable cluster: {@code max.block.ms} (waiting for metadata or buffer space) defaults to
   * it, and {@code request.timeout.ms} is shortened under it, as the client requires.
   *
   * @throws ConfigException when a timeout setting is not a number of milliseconds
   */
  public static Properties producerProperties(Properties client) {
    return ProducerSettings.of(client, DEFAULT_TIMEOUT);
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
   * @throws KafkaUnavailableException when Kafka did not acknowledge every record within the
   *     delivery timeout; the message names the file, the broker and the records confirmed
   * @throws IOException when the file cannot be read or Kafka refused a record; the message names
   *     the file
   */
  public PublishReport publish(
      Path file, InputFormat format, ReaderOptions options, int rate, boolean progress)
      throws IOException, InterruptedException {
    String name = file.getFileName().toString();
    Pacer pacer = new Pacer(rate);
    long[] counts = new long[2];
    long[] line = new long[1];
    Map<String, Long> skipped = new TreeMap<>();
    List<Rejection> rejections = new ArrayList<>();
    Delivery.Tally tally = new Delivery.Tally();
    Releases releases = new Releases();
    boolean stopped = false;
    ScheduledExecutorService watch = WaitNotices.start(name, tally, servers, timeout, notices);
    try {
      try (ProgressBar bar = progress ? bar(file) : null) {
        format
            .reader(checks, options)
            .read(
                file,
                options.encoding(),
                row -> {
                  if (tally.failure.get() != null) {
                    // The next sends would wait out the same timeout, record after record.
                    throw new Stop();
                  }
                  pace(pacer);
                  line[0] = row.line();
                  if (row instanceof Parsed.Accepted<? extends SpecificRecord> a) {
                    send(name, wire.of(name, a.line(), a.record()), tally);
                    if (a.record() instanceof TradeRecord r) {
                      releases.add(r);
                    }
                    counts[0]++;
                  } else if (row instanceof Parsed.Rejected<? extends SpecificRecord> r) {
                    send(name, wire.deadLetter(r.rejection()), tally);
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
      } catch (Stop e) {
        stopped = true;
      } catch (UncheckedIOException e) {
        if (e.getCause() instanceof InterruptedIOException) {
          Thread.currentThread().interrupt();
          throw new InterruptedException("publishing " + name + " interrupted");
        }
        throw e.getCause();
      }
      flush(
          name,
          tally,
          stopped ? ", the rest of the file not sent (stopped after line " + line[0] + ")" : "");
      release(name, releases, tally);
    } finally {
      watch.shutdownNow();
    }
    return new PublishReport(name, format, counts[0], counts[1], skipped, List.copyOf(rejections));
  }

  /**
   * Publishes records already read (a replay harness, a test) and waits for them.
   *
   * @throws IOException when Kafka did not take one of them
   */
  public void publishRecords(Iterable<? extends SpecificRecord> records) throws IOException {
    Delivery.Tally tally = new Delivery.Tally();
    Releases releases = new Releases();
    for (SpecificRecord record : records) {
      if (tally.failure.get() != null) {
        break;
      }
      send("records", wire.of("records", 0, record), tally);
      if (record instanceof TradeRecord r) {
        releases.add(r);
      }
    }
    flush("records", tally, "");
    release("records", releases, tally);
  }

  /**
   * Publishes the releases of figures that are all acknowledged (the months they cover are complete
   * on the topic) and waits for them.
   */
  private void release(String name, Releases releases, Delivery.Tally tally) throws IOException {
    if (releases.isEmpty()) {
      return;
    }
    String figures = topics.tradeRecords().name();
    int parts = partitions(figures);
    int releaseParts = partitions(topics.releases().name());
    if (parts > 0 && releaseParts != parts) {
      throw new IOException(
          name
              + ": topic "
              + topics.releases().name()
              + " has "
              + releaseParts
              + " partitions but "
              + figures
              + " has "
              + parts
              + "; releases follow the figures partition by partition, so both need the same"
              + " number");
    }
    for (Release r : releases.releases()) {
      for (ProducerRecord<byte[], byte[]> copy : wire.releaseCopies(r, parts, tally.lastOffsets)) {
        send(name, copy, tally);
      }
    }
    flush(name, tally, "");
  }

  /** The partitions of a topic, 0 when the producer cannot tell (a mock). */
  private int partitions(String topic) {
    List<PartitionInfo> info = producer.partitionsFor(topic);
    return info == null ? 0 : info.size();
  }

  /**
   * Waits for every record sent, then fails unless each was acknowledged.
   *
   * @param stopped why the rest of the input was not sent, or empty
   */
  private void flush(String name, Delivery.Tally tally, String stopped) throws IOException {
    try {
      producer.flush();
      for (int round = 1; round <= RESEND_ROUNDS && !tally.lost.isEmpty(); round++) {
        resendLost(name, tally);
        producer.flush();
      }
    } catch (KafkaException e) {
      tally.failure.compareAndSet(null, e);
    }
    if (!tally.lost.isEmpty()) {
      tally.failure.compareAndSet(null, tally.lost.peek().error());
    }
    Exception e = tally.failure.get();
    long sent = tally.sent.get();
    long confirmed = tally.confirmed.get();
    if (e == null && confirmed == sent) {
      return;
    }
    String counts =
        confirmed
            + " of "
            + sent
            + " records sent were confirmed, "
            + tally.failed.get()
            + " failed"
            + stopped
            + ": "
            + (e == null ? "no error reported" : e.getMessage());
    if (e instanceof RetriableException) {
      throw new KafkaUnavailableException(
          name
              + ": Kafka at "
              + servers
              + " did not acknowledge every record within "
              + WaitNotices.human(timeout)
              + "; "
              + counts
              + ". Check that the broker is running and reachable from here (address, port,"
              + " firewall, its advertised.listeners), the security settings (--client-config)"
              + " and that the topics exist; --timeout waits longer. Rerunning the same file is"
              + " safe: records already confirmed are sent again with the same key and revision,"
              + " which the topology ignores.",
          e);
    }
    throw new IOException(name + ": Kafka did not accept every record: " + counts, e);
  }

  /**
   * Sends again the records a restarted broker lost: it had acknowledged nothing for them, but kept
   * later batches of the same producer, so the client's own retries are refused as out of order
   * (the idempotent producer cannot place them any more) and only a new send writes them.
   */
  private void resendLost(String name, Delivery.Tally tally) {
    List<Delivery.Lost> lost = new ArrayList<>();
    for (Delivery.Lost l; (l = tally.lost.poll()) != null; ) {
      lost.add(l);
    }
    notices.accept(
        name
            + ": the broker lost "
            + lost.size()
            + " record(s) it had not acknowledged ("
            + lost.get(0).error().getClass().getSimpleName()
            + "); sending them again");
    for (Delivery.Lost l : lost) {
      send(name, l.record(), tally);
    }
  }

  private static void pace(Pacer pacer) {
    try {
      pacer.await();
    } catch (InterruptedException e) {
      throw new UncheckedIOException(new InterruptedIOException("interrupted"));
    }
  }

  /**
   * Sends asynchronously; the callback counts the answer. The client reports most failures to the
   * callback, even those it detects at once (no metadata within {@code max.block.ms}); a send that
   * throws (a closed producer) is counted the same way. Either stops the file at the next row.
   */
  private void send(String file, ProducerRecord<byte[], byte[]> record, Delivery.Tally tally) {
    tally.sent.incrementAndGet();
    try {
      producer.send(record, (metadata, e) -> tally.answer(record, metadata, e));
    } catch (KafkaException e) {
      LOG.debug("{}: Kafka refused a record for {}", file, record.topic(), e);
      tally.answer(record, null, e);
    }
  }

  /** A bar over the file's lines (an estimate when quoted fields span lines). */
  private static ProgressBar bar(Path file) throws IOException {
    long rows;
    // Counting lines only: Latin-1 decodes every byte, so a file in another encoding, or with a
    // bad byte (a rejected row, not a failure), is counted too.
    try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
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

  /** Ends reading a file once a send has failed. */
  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }
}
