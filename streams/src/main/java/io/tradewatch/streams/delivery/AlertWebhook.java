package io.tradewatch.streams.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradewatch.avro.Alert;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alert events to a webhook as JSON, on its own thread and consumer group, so a slow or
 * failing receiver never holds up the topology. An alert that cannot be delivered after the retries
 * goes to the dead-letter topic with the reason; then the next one is sent.
 */
public final class AlertWebhook implements AutoCloseable {
  public static final String HEADER_REASON = "tw.reason";
  public static final String HEADER_URL = "tw.webhook.url";
  private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaConsumer<String, Alert> consumer;
  private final KafkaProducer<byte[], byte[]> deadLetters;
  private final WebhookSender sender;
  private final Topics topics;
  private final Thread thread;
  private volatile boolean running = true;

  private AlertWebhook(Properties client, Topics topics, String groupId, WebhookSender sender) {
    this.topics = topics;
    this.sender = sender;
    Topic<String, Alert> alerts = topics.alerts();
    Properties c = new Properties();
    c.putAll(client);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
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
      Properties client, Topics topics, String groupId, WebhookSender sender) {
    AlertWebhook webhook = new AlertWebhook(client, topics, groupId, sender);
    webhook.consumer.subscribe(List.of(topics.alerts().name()));
    webhook.thread.start();
    LOG.info("Delivering alerts to {}", sender.url());
    return webhook;
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(500))) {
          deliver(record);
        }
        consumer.commitSync();
      }
    } catch (WakeupException stopping) {
      // close() was called
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("Alert webhook stopped", e);
    } finally {
      consumer.close();
      deadLetters.close();
    }
  }

  private void deliver(ConsumerRecord<String, Alert> record) throws InterruptedException {
    String json = toJson(record.value());
    WebhookSender.Result result = sender.send(json);
    if (result.delivered()) {
      LOG.debug("Alert {} delivered in {} attempt(s)", record.key(), result.attempts());
      return;
    }
    String reason =
        "webhook "
            + sender.url()
            + " failed "
            + result.attempts()
            + " times: "
            + result.lastError();
    LOG.warn("Alert {} not delivered: {}", record.key(), reason);
    RecordHeaders headers = new RecordHeaders();
    headers.add(HEADER_REASON, reason.getBytes(StandardCharsets.UTF_8));
    headers.add(HEADER_URL, sender.url().toString().getBytes(StandardCharsets.UTF_8));
    headers.add("__streams.errors.topic", record.topic().getBytes(StandardCharsets.UTF_8));
    headers.add(
        "__streams.errors.offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
    deadLetters.send(
        new ProducerRecord<>(
            topics.deadLetter().name(),
            null,
            null,
            record.key().getBytes(StandardCharsets.UTF_8),
            json.getBytes(StandardCharsets.UTF_8),
            headers));
    deadLetters.flush();
  }

  /** An alert as a JSON object; decimals as strings, so no figure passes through a double. */
  public static String toJson(Alert alert) {
    ObjectNode node = JSON.createObjectNode();
    for (Schema.Field field : alert.getSchema().getFields()) {
      Object value = alert.get(field.pos());
      if (value == null) {
        node.putNull(field.name());
      } else if (value instanceof BigDecimal d) {
        node.put(field.name(), d.toPlainString());
      } else {
        node.put(field.name(), value.toString());
      }
    }
    return node.toString();
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
