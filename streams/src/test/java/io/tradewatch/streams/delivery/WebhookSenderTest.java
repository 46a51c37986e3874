package io.tradewatch.streams.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tradewatch.avro.Alert;
import io.tradewatch.avro.AlertState;
import io.tradewatch.avro.Severity;
import io.tradewatch.schemas.AvroJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on localhost. */
class WebhookSenderTest {
  private HttpServer server;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/alerts",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
          if (status == 204) {
            received.add(body);
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
  }

  private static Alert mirrorGap() {
    return Alert.newBuilder()
        .setAlertId("mirror-gap|AM-ARMSTAT/KZ-BNS|ARM|KAZ|TOTAL|2023")
        .setRule("mirror-gap")
        .setRuleType("MIRROR_GAP")
        .setSeverity(Severity.WARNING)
        .setState(AlertState.RAISED)
        .setSource("AM-ARMSTAT/KZ-BNS")
        .setReporter("ARM")
        .setPartner("KAZ")
        .setHsGroup("TOTAL")
        .setPeriod("2023")
        .setObserved(new BigDecimal("-72.2300"))
        .setMessage("For 2023, AM-ARMSTAT reports ARM exports to KAZ of 71.3 M USD ...")
        .build();
  }

  @Test
  void aReceiverThatFailsFirstGetsTheAlertOnARetry() throws Exception {
    failuresLeft.set(2);

    WebhookSender.Result result =
        new WebhookSender(url(), 4, Duration.ofMillis(10)).send(AvroJson.toJsonString(mirrorGap()));

    assertThat(result.delivered()).isTrue();
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(received)
        .singleElement()
        .asString()
        .contains("\"state\":\"RAISED\"")
        .contains("\"observed\":\"-72.2300\"")
        .contains("mirror-gap|AM-ARMSTAT/KZ-BNS|ARM|KAZ|TOTAL|2023");
  }

  @Test
  void aReceiverThatKeepsFailingIsReportedWithTheLastError() throws Exception {
    failuresLeft.set(100);

    WebhookSender.Result result =
        new WebhookSender(url(), 3, Duration.ofMillis(5)).send(AvroJson.toJsonString(mirrorGap()));

    assertThat(result.delivered()).isFalse();
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(result.lastError()).isEqualTo("HTTP 503");
    assertThat(received).isEmpty();
  }

  @Test
  void anUnreachableReceiverIsAFailureNotAnException() throws Exception {
    URI nowhere = url();
    server.stop(0);

    WebhookSender.Result result = new WebhookSender(nowhere, 2, Duration.ofMillis(5)).send("{}");

    assertThat(result.delivered()).isFalse();
    assertThat(result.lastError()).contains("ConnectException");
  }
}
