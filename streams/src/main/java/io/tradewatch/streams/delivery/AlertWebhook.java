package io.tradewatch.streams.delivery;

import io.tradewatch.avro.Alert;
import io.tradewatch.schemas.AvroJson;
import io.tradewatch.schemas.CommittedReads;
import io.tradewatch.schemas.DeadLetterHeaders;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alert events to a webhook as JSON ({@link AvroJson}: decimals as strings), on its own
 * thread and consumer group, so a slow or failing receiver never holds up the topology. An alert
 * that cannot be delivered after the retries goes to the dead-letter topic with the reason; then
 * the next one is sent.
 *
 * <p>Delivery is at least once: offsets are committed after each delivered batch, so a process
 * killed mid-batch sends that batch's events again when it restarts. Each request carries the
 * event's id in {@value #EVENT_ID_HEADER} ({@code topic/partition/offset} of the alert event, the
 * same on every redelivery), so a receiver can drop what it has seen. Events of one alert are
 * delivered in the order the topology emitted them (they share a partition and one thread sends).
 * If delivery fails with an unexpected error, the thread logs it, waits and resumes from the last
 * committed event: it never stops while the process runs.
 */
public final class AlertWebhook implements AutoCloseable {
  /** The HTTP header holding an event's id, stable across redeliveries. */
  public static final String EVENT_ID_HEADER = "X-Tradewatch-Event-Id";

  private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
  private static final Duration FIRST_RESTART_DELAY = Duration.ofMillis(500);
  private static final Duration LONGEST_RESTART_DELAY = Duration.ofSeconds(30);

  /** Where alert events go: a {@link WebhookSender}, or in tests anything that may fail. */
  public interface Endpoint {
    URI url();

    /** Sends one event; retries are the endpoint's own. */
    WebhookSender.Result send(String json, String eventId) throws InterruptedException;
  }

  private final KafkaConsumer<String, Alert> consumer;
  private final KafkaProducer<byte[], byte[]> deadLetters;
  private final Endpoint endpoint;
  private final Topics topics;
  private final Thread thread;
  private final AtomicInteger restarts = new AtomicInteger();
  private volatile boolean running = true;

  private AlertWebhook(Properties client, Topics topics, String groupId, Endpoint endpoint) {
    this.topics = topics;
    this.endpoint = endpoint;
    Topic<String, Alert> alerts = topics.alerts();
    Properties c = CommittedReads.consumerProperties(client);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer =
        new KafkaConsumer<>(
            c, alerts.keySerde().deserializer(), alerts.valueSerde().deserializer());
    Properties p = new Properties();
    p.putAll(client);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    this.deadLetters = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.thread = new Thread(this::run, "tradewatch-alert-webhook");
    thread.setDaemon(true);
  }

  /** Starts delivering every alert event (from the earliest not yet delivered by this group). */
  public static AlertWebhook start(
      Properties client, Topics topics, String groupId, Endpoint endpoint) {
    AlertWebhook webhook = new AlertWebhook(client, topics, groupId, endpoint);
    webhook.consumer.subscribe(List.of(topics.alerts().name()));
    webhook.thread.start();
    LOG.info("Delivering alerts to {}", endpoint.url());
    return webhook;
  }

  /** How often delivery failed unexpectedly and was resumed. */
  public int restarts() {
    return restarts.get();
  }

  private void run() {
    Duration delay = FIRST_RESTART_DELAY;
    try {
      while (running) {
        try {
          deliverBatches();
        } catch (WakeupException stopping) {
          return;
        } catch (RecordDeserializationException e) {
          deadLetterUnreadable(e);
        } catch (RuntimeException e) {
          restarts.incrementAndGet();
          LOG.error(
              "Alert webhook delivery failed; resuming from the last committed alert in {} ms",
              delay.toMillis(),
              e);
          Thread.sleep(delay.toMillis());
          delay =
              delay.multipliedBy(2).compareTo(LONGEST_RESTART_DELAY) > 0
                  ? LONGEST_RESTART_DELAY
                  : delay.multipliedBy(2);
          rewindToCommitted();
        }
      }
    } catch (WakeupException stopping) {
      // close() was called while rewinding
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close();
      deadLetters.close();
    }
  }

  private void deliverBatches() throws InterruptedException {
    while (running) {
      for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(500))) {
        deliver(record);
      }
      consumer.commitSync();
    }
  }

  /** After a failure mid-batch: the batch's events are sent again (with their ids). */
  private void rewindToCommitted() {
    Set<TopicPartition> assigned = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
    for (TopicPartition partition : assigned) {
      OffsetAndMetadata at = committed.get(partition);
      if (at == null) {
        consumer.seekToBeginning(List.of(partition));
      } else {
        consumer.seek(partition, at);
      }
    }
  }

  /** The id a receiver can deduplicate on: where the event sits on the alerts topic. */
  public static String eventId(String topic, int partition, long offset) {
    return topic + "/" + partition + "/" + offset;
  }

  private void deliver(ConsumerRecord<String, Alert> record) throws InterruptedException {
    String json = AvroJson.toJsonString(record.value());
    String eventId = eventId(record.topic(), record.partition(), record.offset());
    WebhookSender.Result result = endpoint.send(json, eventId);
    if (result.delivered()) {
      LOG.debug("Alert {} delivered in {} attempt(s)", record.key(), result.attempts());
      return;
    }
    String reason =
        "webhook "
            + endpoint.url()
            + " failed "
            + result.attempts()
            + " times: "
            + result.lastError();
    LOG.warn("Alert {} not delivered: {}", record.key(), reason);
    deadLetter(
        record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8),
        reason,
        record.partition(),
        record.offset());
  }

  /** An event the consumer cannot read: its bytes go to the dead-letter topic, delivery goes on. */
  private void deadLetterUnreadable(RecordDeserializationException e) {
    String reason = "unreadable alert event: " + e.getMessage();
    LOG.warn("Alert event {}@{} not delivered: {}", e.topicPartition(), e.offset(), reason);
    deadLetter(
        bytes(e.keyBuffer()),
        bytes(e.valueBuffer()),
        reason,
        e.topicPartition().partition(),
        e.offset());
    consumer.seek(e.topicPartition(), e.offset() + 1);
  }

  private void deadLetter(byte[] key, byte[] value, String reason, int partition, long offset) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
    headers.add(
        DeadLetterHeaders.WEBHOOK_URL, endpoint.url().toString().getBytes(StandardCharsets.UTF_8));
    headers.add(
        DeadLetterHeaders.SOURCE_TOPIC, topics.alerts().name().getBytes(StandardCharsets.UTF_8));
    headers.add(
        DeadLetterHeaders.SOURCE_PARTITION,
        Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
    headers.add(
        DeadLetterHeaders.SOURCE_OFFSET, Long.toString(offset).getBytes(StandardCharsets.UTF_8));
    deadLetters.send(
        new ProducerRecord<>(topics.deadLetter().name(), null, null, key, value, headers));
    deadLetters.flush();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
