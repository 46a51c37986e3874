package io.tradewatch.bench;

import io.tradewatch.broker.EmbeddedKafkaCluster;
import io.tradewatch.producers.synthetic.SyntheticTrade;
import io.tradewatch.schemas.CommittedReads;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import io.tradewatch.schemas.WireHeaders;
import io.tradewatch.streams.app.StreamsSettings;
import io.tradewatch.streams.app.TradewatchApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end latency at a fixed input rate: synthetic records are published at that rate, each
 * stamped with the {@value WireHeaders#PUBLISHED_AT} header, the topology runs, and a {@code
 * read_committed} consumer of every output topic takes receive time minus that header.
 *
 * <p>An output carries the header of the input that last changed it: Kafka Streams keeps the record
 * context of the latest update in the table cache. Outputs built from several inputs (mirror gaps,
 * target progress) carry no header and are not counted. The first fifth of the run is a warm-up and
 * discarded.
 */
final class LatencyRun {
  private static final Logger LOG = LoggerFactory.getLogger(LatencyRun.class);

  private final EmbeddedKafkaCluster cluster;
  private final Properties clientProperties;
  private final BenchOptions options;
  private final Path workDir;

  LatencyRun(
      EmbeddedKafkaCluster cluster,
      Properties clientProperties,
      BenchOptions options,
      Path workDir) {
    this.cluster = cluster;
    this.clientProperties = clientProperties;
    this.options = options;
    this.workDir = workDir;
  }

  BenchReport.Latency run(String guarantee, int rate, long rows, long seed)
      throws IOException, InterruptedException {
    String applicationId = "bench-e2e-" + (guarantee.startsWith("exactly") ? "eos" : "alos");
    Topics topics = Topics.withPrefix(applicationId + ".");
    cluster.createTopics(topics.all(), options.partitions());
    Path stateDir = Files.createTempDirectory(workDir, applicationId + "-state-");
    StreamsSettings settings =
        StreamsSettings.defaults(cluster.bootstrapServers(), stateDir)
            .withApplicationId(applicationId)
            .withTopicPrefix(topics.prefix())
            .withProcessingGuarantee(guarantee)
            .withThreads(options.threads())
            .withCommitInterval(options.commitInterval())
            .withClientProperties(options.streamsConfig());
    LatencyConsumer consumer = new LatencyConsumer(clientProperties, topics);
    Thread reader = new Thread(consumer, "bench-latency-consumer");
    try (TradewatchApp app = new TradewatchApp(settings)) {
      app.start();
      app.awaitRunning(Duration.ofMinutes(2));
      reader.start();
      long start = System.currentTimeMillis();
      consumer.countFrom(start + options.e2eSeconds() * 1000L / 5);
      new PacedSender(clientProperties, topics).send(new SyntheticTrade(rows, seed), rate);
      LOG.info(
          "{}: published {} records in {} ms at {}/s",
          applicationId,
          rows,
          System.currentTimeMillis() - start,
          rate);
      long quietMs = Math.max(2000, options.quietPeriod().toMillis());
      while (System.currentTimeMillis() - consumer.lastReceived() < quietMs) {
        Thread.sleep(100);
      }
    } finally {
      consumer.stop();
      reader.join(10_000);
      BenchFiles.deleteTree(stateDir);
    }
    long[] samples = consumer.samples();
    Arrays.sort(samples);
    LOG.info("{}: {} latency samples", applicationId, samples.length);
    return new BenchReport.Latency(
        guarantee,
        rate,
        rows,
        samples.length,
        percentile(samples, 0.50),
        percentile(samples, 0.99),
        percentile(samples, 0.999),
        samples.length == 0 ? Double.NaN : samples[samples.length - 1]);
  }

  /** Nearest-rank percentile of sorted samples. */
  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Reads every output topic from the beginning and records receive time minus the header. */
  private static final class LatencyConsumer implements Runnable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong lastReceived = new AtomicLong(System.currentTimeMillis());
    private volatile long countFrom = Long.MAX_VALUE;
    private long[] samples = new long[1 << 16];
    private int size;

    LatencyConsumer(Properties clientProperties, Topics topics) {
      Properties p = CommittedReads.consumerProperties(clientProperties);
      p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
      consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      partitions =
          topics.outputs().stream()
              .map(Topic::name)
              .flatMap(
                  name ->
                      consumer.partitionsFor(name).stream()
                          .map(i -> new TopicPartition(name, i.partition())))
              .toList();
    }

    void countFrom(long publishedAtMillis) {
      countFrom = publishedAtMillis;
    }

    long lastReceived() {
      return lastReceived.get();
    }

    @Override
    public void run() {
      try {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (running.get()) {
          var records = consumer.poll(Duration.ofMillis(20));
          long now = System.currentTimeMillis();
          for (ConsumerRecord<byte[], byte[]> record : records) {
            lastReceived.set(now);
            Header header = record.headers().lastHeader(WireHeaders.PUBLISHED_AT);
            if (header == null) {
              continue;
            }
            long publishedAt = Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
            if (publishedAt >= countFrom) {
              add(now - publishedAt);
            }
          }
        }
      } finally {
        consumer.close();
      }
    }

    private synchronized void add(long latency) {
      if (size == samples.length) {
        samples = Arrays.copyOf(samples, size * 2);
      }
      samples[size++] = latency;
    }

    synchronized long[] samples() {
      return Arrays.copyOf(samples, size);
    }

    void stop() {
      running.set(false);
    }
  }
}
