package io.tradewatch.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewatch.schemas.AvroJson;
import io.tradewatch.schemas.CommittedReads;
import io.tradewatch.schemas.DeadLetterHeaders;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import io.tradewatch.schemas.WireHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every output topic from its end (committed records only) on one background thread and hands
 * each record to the push clients, the metrics and the revision log. It assigns partitions itself
 * (no consumer group: every dashboard instance sees every update) and looks for new topics and
 * partitions now and then, so an output added later (alerts) is picked up.
 *
 * <p>The revisions topic alone is read from its beginning, into the revision log only: it is
 * compacted (latest per record key), and {@code /api/revisions} should not start empty.
 */
final class OutputFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputFeed.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration REFRESH = Duration.ofSeconds(10);

  private final Topics topics;
  private final Properties consumerProperties;
  private final StreamHub hub;
  private final RevisionLog revisions;
  private final DashboardMetrics metrics;
  private final Thread thread;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Map<TopicPartition, Long> backfillEnd = new HashMap<>();
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running = true;
  private volatile int partitions;

  OutputFeed(
      Properties clientProperties,
      Topics topics,
      StreamHub hub,
      RevisionLog revisions,
      DashboardMetrics metrics) {
    this.topics = topics;
    this.hub = hub;
    this.revisions = revisions;
    this.metrics = metrics;
    Properties p = CommittedReads.consumerProperties(clientProperties);
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.putIfAbsent(
        ConsumerConfig.CLIENT_ID_CONFIG,
        "tradewatch-dashboard-feed-" + UUID.randomUUID().toString().substring(0, 8));
    this.consumerProperties = p;
    this.thread = new Thread(this::run, "tradewatch-dashboard-feed");
    thread.setDaemon(true);
  }

  void start() {
    consumer =
        new KafkaConsumer<>(
            consumerProperties, new StringDeserializer(), new ByteArrayDeserializer());
    thread.start();
  }

  /** Waits until every output topic that exists is assigned and positioned at its end. */
  boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean isReady() {
    return ready.getCount() == 0;
  }

  int partitions() {
    return partitions;
  }

  private void run() {
    Map<String, Topic<?, ?>> byName = new HashMap<>();
    topics.outputs().forEach(t -> byName.put(t.name(), t));
    byName.put(topics.deadLetter().name(), topics.deadLetter());
    long nextRefresh = 0;
    try {
      while (running) {
        if (System.currentTimeMillis() >= nextRefresh) {
          refreshAssignment(byName.keySet());
          nextRefresh = System.currentTimeMillis() + REFRESH.toMillis();
        }
        var records = consumer.poll(POLL);
        long receivedAt = System.currentTimeMillis();
        for (ConsumerRecord<String, byte[]> record : records) {
          handle(byName.get(record.topic()), record, receivedAt);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("Output feed woken up unexpectedly", e);
      }
    } catch (RuntimeException e) {
      LOG.error("Output feed stopped: push updates and output metrics are stale", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void refreshAssignment(Set<String> names) {
    Set<TopicPartition> wanted = new HashSet<>();
    for (String name : names) {
      List<PartitionInfo> infos = consumer.partitionsFor(name, Duration.ofSeconds(5));
      if (infos != null) {
        infos.forEach(i -> wanted.add(new TopicPartition(i.topic(), i.partition())));
      }
    }
    Set<TopicPartition> current = consumer.assignment();
    if (wanted.equals(current)) {
      ready.countDown();
      return;
    }
    List<TopicPartition> added = new ArrayList<>(wanted);
    added.removeAll(current);
    consumer.assign(wanted);
    List<TopicPartition> fromEnd = new ArrayList<>();
    List<TopicPartition> fromStart = new ArrayList<>();
    for (TopicPartition tp : added) {
      (tp.topic().equals(topics.revisions().name()) ? fromStart : fromEnd).add(tp);
    }
    // An empty collection would mean "every assigned partition" to these two: guard them.
    if (!fromEnd.isEmpty()) {
      consumer.seekToEnd(fromEnd);
    }
    if (!fromStart.isEmpty()) {
      consumer.seekToBeginning(fromStart);
      backfillEnd.putAll(consumer.endOffsets(fromStart));
    }
    // Resolve the positions now: a record written after this point is pushed, none before.
    added.forEach(consumer::position);
    partitions = wanted.size();
    LOG.info("Output feed reads {} partitions of {} topics", wanted.size(), names.size());
    ready.countDown();
  }

  private void handle(Topic<?, ?> topic, ConsumerRecord<String, byte[]> record, long receivedAt) {
    if (topic != null && topic.name().equals(topics.deadLetter().name())) {
      metrics.rejected(rejectionReason(record));
      return;
    }
    if (topic == null || record.key() == null) {
      return;
    }
    Object value;
    try {
      Deserializer<?> deserializer = topic.valueSerde().deserializer();
      Object decoded =
          record.value() == null ? null : deserializer.deserialize(record.topic(), record.value());
      value = decoded == null ? null : AvroJson.toJson(decoded);
    } catch (RuntimeException e) {
      LOG.warn(
          "Skipping undecodable record {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.toString());
      return;
    }
    String shortName = record.topic().substring(topics.outputPrefix().length());
    OutputEvent event =
        new OutputEvent(shortName, record.key(), value, record.timestamp(), publishedAt(record));
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    Long backfill = backfillEnd.get(tp);
    if (backfill != null && record.offset() < backfill) {
      revisions.add(event);
      return;
    }
    if (topic.name().equals(topics.revisions().name())) {
      revisions.add(event);
    }
    metrics.outputRecord(shortName, record.timestamp(), event.publishedAt(), receivedAt);
    if (value instanceof JsonNode fields && topic.name().equals(topics.alerts().name())) {
      metrics.alert(fields.path("state").asText(), fields.path("severity").asText());
    }
    hub.publish(event);
  }

  /**
   * Why a record was dead-lettered, as a metric tag: the topology's check name or the exception
   * class Kafka Streams names, or {@code input-row} for a row the producers rejected.
   */
  static String rejectionReason(ConsumerRecord<String, byte[]> record) {
    Header streams = record.headers().lastHeader(DeadLetterHeaders.CHECK);
    if (streams != null && streams.value() != null) {
      String reason = new String(streams.value(), StandardCharsets.UTF_8).trim();
      int dot = reason.lastIndexOf('.');
      return dot >= 0 ? reason.substring(dot + 1) : reason;
    }
    return record.headers().lastHeader(DeadLetterHeaders.REASON) != null ? "input-row" : "unknown";
  }

  private static Long publishedAt(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(WireHeaders.PUBLISHED_AT);
    if (header == null || header.value() == null) {
      return null;
    }
    try {
      return Long.parseLong(new String(header.value(), StandardCharsets.UTF_8).trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public void close() {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
