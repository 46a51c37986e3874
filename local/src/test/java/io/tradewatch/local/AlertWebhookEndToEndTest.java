package io.tradewatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tradewatch.avro.Alert;
import io.tradewatch.avro.AlertState;
import io.tradewatch.avro.Severity;
import io.tradewatch.broker.KafkaBrokerExtension;
import io.tradewatch.local.run.TopicSetup;
import io.tradewatch.schemas.AvroJson;
import io.tradewatch.schemas.DeadLetterHeaders;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.delivery.AlertWebhook;
import io.tradewatch.streams.delivery.WebhookSender;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert webhook on a real broker, fed alert events written straight to the alerts topic: the
 * order of each alert's events, the dead-letter path after the retries, a delivery failure the
 * thread recovers from, and redelivery after the delivering process is killed with SIGKILL.
 */
class AlertWebhookEndToEndTest {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  private static final Duration WAIT = Duration.ofSeconds(90);

  private Topics topics;
  private Properties client;
  private HttpServer server;
  private URI url;

  /** What the receiver accepted: event id and body, in arrival order. */
  private final List<Map.Entry<String, String>> received = new CopyOnWriteArrayList<>();

  /** Bodies the receiver answers with 500. */
  private volatile Predicate<String> refused = body -> false;

  private volatile long delayMillis;

  @BeforeEach
  void start() throws Exception {
    topics = KAFKA.uniqueTopics();
    client = KAFKA.clientProperties();
    TopicSetup.ensure(client, topics, 3);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String id = exchange.getRequestHeaders().getFirst(AlertWebhook.EVENT_ID_HEADER);
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          boolean refuse = refused.test(body);
          if (!refuse) {
            received.add(Map.entry(String.valueOf(id), body));
          }
          exchange.sendResponseHeaders(refuse ? 500 : 200, -1);
          exchange.close();
        });
    server.start();
    url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void eachAlertsEventsArriveInTheOrderEmittedEachWithItsOwnId() throws Exception {
    // Given three alerts, each raised, cleared, raised again and updated, interleaved on the topic
    List<Alert> events = new ArrayList<>();
    for (int step = 0; step < 4; step++) {
      for (String pair : List.of("ARM", "TJK", "UZB")) {
        events.add(alert(pair, step));
      }
    }
    publish(events);

    // When the webhook delivers them
    try (AlertWebhook webhook = start(new WebhookSender(url, 3, Duration.ofMillis(5)))) {
      Awaitility.await().atMost(WAIT).until(() -> received.size() >= events.size());
      assertThat(webhook.restarts()).isZero();
    }

    // Then every event arrived once, with an id of its own, and each alert's in emitted order
    assertThat(received).hasSize(events.size());
    assertThat(received.stream().map(Map.Entry::getKey).distinct()).hasSize(events.size());
    for (String pair : List.of("ARM", "TJK", "UZB")) {
      List<String> expected =
          events.stream()
              .filter(a -> a.getPartner().equals(pair))
              .map(AvroJson::toJsonString)
              .toList();
      List<String> arrived =
          received.stream()
              .map(Map.Entry::getValue)
              .filter(body -> body.contains("|KAZ|" + pair + "|"))
              .toList();
      assertThat(arrived).as(pair).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void anEventTheReceiverKeepsRefusingIsDeadLetteredWithTheReasonAndTheNextIsDelivered()
      throws Exception {
    // Given a receiver that answers 500 to every delivery of one alert
    Alert refusedAlert = alert("ARM", 0);
    Alert accepted = alert("TJK", 0);
    refused = body -> body.contains("|KAZ|ARM|");
    publish(List.of(refusedAlert, accepted));

    // When the webhook has tried three times
    try (AlertWebhook webhook = start(new WebhookSender(url, 3, Duration.ofMillis(5)))) {
      Awaitility.await().atMost(WAIT).until(() -> received.size() >= 1);
      List<ConsumerRecord<byte[], byte[]>> dead = awaitDeadLetters(1);

      // Then the other alert was delivered
      assertThat(received).extracting(Map.Entry::getValue).containsExactly(toJson(accepted));
      // ... and the refused one is on the dead-letter topic: its JSON, key, reason and origin
      ConsumerRecord<byte[], byte[]> letter = dead.get(0);
      assertThat(new String(letter.key(), StandardCharsets.UTF_8))
          .isEqualTo(refusedAlert.getAlertId());
      assertThat(new String(letter.value(), StandardCharsets.UTF_8))
          .isEqualTo(toJson(refusedAlert));
      assertThat(header(letter, DeadLetterHeaders.REASON))
          .isEqualTo("webhook " + url + " failed 3 times: HTTP 500");
      assertThat(header(letter, DeadLetterHeaders.WEBHOOK_URL)).isEqualTo(url.toString());
      assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.alerts().name());
      assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).matches("[0-2]");
      assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
      assertThat(webhook.restarts()).isZero();
    }
  }

  @Test
  void aDeliveryThatFailsUnexpectedlyIsResumedAndResentUnderTheSameId() throws Exception {
    // Given an endpoint that throws once, on the third event of an alert's five
    List<Alert> events = new ArrayList<>();
    for (int step = 0; step < 5; step++) {
      events.add(alert("ARM", step));
    }
    publish(events);
    WebhookSender sender = new WebhookSender(url, 3, Duration.ofMillis(5));
    AtomicBoolean thrown = new AtomicBoolean();
    Map<String, Integer> calls = new ConcurrentHashMap<>();
    AlertWebhook.Endpoint failingOnce =
        new AlertWebhook.Endpoint() {
          @Override
          public URI url() {
            return url;
          }

          @Override
          public WebhookSender.Result send(String json, String eventId)
              throws InterruptedException {
            calls.merge(eventId, 1, Integer::sum);
            if (json.equals(toJson(events.get(2))) && thrown.compareAndSet(false, true)) {
              throw new IllegalStateException("the receiver's client library broke");
            }
            return sender.send(json, eventId);
          }
        };

    // When the webhook runs into it
    try (AlertWebhook webhook = start(failingOnce)) {
      Awaitility.await()
          .atMost(WAIT)
          .until(() -> received.stream().map(Map.Entry::getKey).distinct().count() >= 5);

      // Then it resumed by itself, once
      assertThat(webhook.restarts()).isEqualTo(1);
    }
    // ... every event arrived, first arrivals in emitted order, and a resent one under its id
    assertThat(firstArrivals())
        .containsExactlyElementsOf(events.stream().map(this::toJson).toList());
    assertThat(received.stream().map(Map.Entry::getKey).distinct()).hasSize(5);
    assertThat(calls.values()).contains(2);
  }

  @Test
  void aDeliveringProcessKilledMidBatchSendsWhatItHadNotCommittedAgainAfterItsRestart(
      @TempDir Path dir) throws Exception {
    // Given 60 alert events and a receiver that takes 50 ms per event
    List<Alert> events = new ArrayList<>();
    for (int step = 0; step < 20; step++) {
      for (String pair : List.of("ARM", "TJK", "UZB")) {
        events.add(alert(pair, step));
      }
    }
    publish(events);
    delayMillis = 50;
    // A killed member stays in its groups (the application's and the webhook's) until its session
    // expires, and the restarted process waits for that: 45 s by Kafka's default.
    Path clientConfig = dir.resolve("client.properties");
    Files.writeString(clientConfig, "session.timeout.ms=6000\nheartbeat.interval.ms=1500\n");
    String[] run = {
      "--bootstrap-servers", KAFKA.bootstrapServers(),
      "--client-config", clientConfig.toString(),
      "--topic-prefix", topics.prefix(),
      "--application-id", KAFKA.uniqueAppId("webhook-process"),
      "--state-dir", dir.resolve("state").toString(),
      "--alert-webhook", url.toString(),
      "--no-dashboard"
    };
    Path log = Path.of("target", "webhook-test", "delivering.log");

    // When the delivering process is killed with SIGKILL after 15 deliveries
    TopologyProcess first = TopologyProcess.start(log, run);
    Awaitility.await().atMost(WAIT).until(() -> received.size() >= 15);
    first.kill();
    int beforeRestart = received.size();
    assertThat(beforeRestart).as("killed mid-way").isLessThan(events.size());
    // ... and started again
    try (TopologyProcess second = TopologyProcess.start(log, run)) {
      Awaitility.await()
          .atMost(WAIT)
          .until(() -> received.stream().map(Map.Entry::getKey).distinct().count() >= 60);
    }

    // Then every event arrived, each alert's first arrivals in emitted order, and any event sent
    // twice came with the same id and body both times
    assertThat(received.stream().map(Map.Entry::getKey).distinct()).hasSize(events.size());
    for (String pair : List.of("ARM", "TJK", "UZB")) {
      assertThat(firstArrivals().stream().filter(b -> b.contains("|KAZ|" + pair + "|")))
          .containsExactlyElementsOf(
              events.stream().filter(a -> a.getPartner().equals(pair)).map(this::toJson).toList());
    }
    Map<String, Set<String>> bodiesById = new LinkedHashMap<>();
    received.forEach(
        e -> bodiesById.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
    assertThat(bodiesById.values()).allSatisfy(bodies -> assertThat(bodies).hasSize(1));
  }

  private AlertWebhook start(AlertWebhook.Endpoint endpoint) {
    return AlertWebhook.start(client, topics, KAFKA.uniqueAppId("webhook"), endpoint);
  }

  /** Each event's body at its first arrival, in arrival order. */
  private List<String> firstArrivals() {
    Map<String, String> first = new LinkedHashMap<>();
    received.forEach(e -> first.putIfAbsent(e.getKey(), e.getValue()));
    return List.copyOf(first.values());
  }

  private String toJson(Alert alert) {
    return AvroJson.toJsonString(alert);
  }

  /** An alert on KAZ–{pair}: raised at even steps, cleared at odd ones, its value the step. */
  private static Alert alert(String pair, int step) {
    String id = "annual-turnover-yoy|KZ-BNS|KAZ|" + pair + "|TOTAL|2023";
    return Alert.newBuilder()
        .setAlertId(id)
        .setRule("annual-turnover-yoy")
        .setRuleType("ANNUAL_GROWTH")
        .setState(step % 2 == 0 ? AlertState.RAISED : AlertState.CLEARED)
        .setSeverity(Severity.WARNING)
        .setSource("KZ-BNS")
        .setReporter("KAZ")
        .setPartner(pair)
        .setHsGroup("TOTAL")
        .setPeriod("2023")
        .setObserved(new BigDecimal(step + ".0000"))
        .setExpectedHigh(new BigDecimal("25.0000"))
        .setMessage("step " + step + " of " + id)
        .build();
  }

  private void publish(List<Alert> events) throws Exception {
    Topic<String, Alert> alerts = topics.alerts();
    try (KafkaProducer<String, Alert> producer =
        new KafkaProducer<>(
            client, alerts.keySerde().serializer(), alerts.valueSerde().serializer())) {
      for (Alert a : events) {
        producer.send(new ProducerRecord<>(alerts.name(), a.getAlertId(), a)).get();
      }
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(int count) {
    Properties c = new Properties();
    c.putAll(client);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.GROUP_ID_CONFIG, KAFKA.uniqueAppId("dead-letter-reader"));
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topics.deadLetter().name()));
      Awaitility.await()
          .atMost(WAIT)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= count;
              });
    }
    return out;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
