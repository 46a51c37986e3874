package io.tradewatch.dashboard;

import static io.tradewatch.dashboard.RunningDashboard.items;
import static io.tradewatch.dashboard.RunningDashboard.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewatch.broker.KafkaBrokerExtension;
import io.tradewatch.schemas.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's dashboard findings, probed as they were found: by plain HTTP clients and raw sockets
 * from outside the instance, against one instance with the sample data.
 */
class DashboardSecurityEndToEndTest {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  private static final String KZ = "source=KZ-BNS&reporter=KAZ&partner=ARM";
  private static final int CLIENTS = 1_000;
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(4);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dir;
  private static RunningDashboard instance;

  @BeforeAll
  static void startAndPublishTheSamples() throws Exception {
    Topics topics = KAFKA.createUniqueTopics(2);
    instance =
        RunningDashboard.start(
            KAFKA,
            topics,
            KAFKA.uniqueAppId("security"),
            dir.resolve("one"),
            Map.of(),
            // the keys an operator sets, with a short idle timeout: gone push clients are found at
            // the next keep-alive, every half of it
            s ->
                DashboardSettings.fromMap(
                    Map.of(
                        "dashboard.host", "127.0.0.1",
                        "dashboard.port", "0",
                        "dashboard.stream.max.clients", String.valueOf(CLIENTS),
                        "dashboard.stream.max.clients.per.address", String.valueOf(CLIENTS),
                        "dashboard.idle.timeout.ms", String.valueOf(IDLE_TIMEOUT.toMillis()))));
    RunningDashboard.publishSamples(KAFKA, topics);
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> instance.json("/api/series?" + KZ + "&limit=1").get("total").equals(79));
  }

  @AfterAll
  static void stop() {
    if (instance != null) {
      instance.close();
    }
  }

  // Finding 2: a thread per push client, without limit.

  @Test
  void givenAThousandPushClients_whenAllAreConnected_thenFewThreadsAreAddedAndTheNextIsRefused()
      throws Exception {
    // given
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int baseline = threads.getThreadCount();
    List<Socket> clients = new ArrayList<>();
    try {
      // when
      for (int i = 0; i < CLIENTS; i++) {
        Socket socket = openStream();
        assertThat(readHead(socket)).as("client %d", i).startsWith("HTTP/1.1 200");
        clients.add(socket);
      }

      // then
      await().atMost(Duration.ofSeconds(60)).until(() -> pushClientsGauge() == CLIENTS);
      assertThat(threads.getThreadCount()).isLessThanOrEqualTo(baseline + 40);
      HttpResponse<String> refused = send("/api/stream", Map.of("Accept", "text/event-stream"));
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(parse(refused.body()).get("error").toString()).contains("too many push clients");
    } finally {
      for (Socket socket : clients) {
        socket.close();
      }
    }
    // Gone clients are found at their next keep-alive (every half idle timeout).
    await().atMost(Duration.ofSeconds(120)).until(() -> pushClientsGauge() == 0);
  }

  // Finding 3: peer-internal endpoints public and loosely validated.

  @Test
  void givenNoPeerSecret_whenTheInternalScanIsAsked_thenItIsRefused() throws Exception {
    HttpResponse<String> response =
        send("/internal/scan?store=trade-annual-figures&needed=2147483647&group=0", Map.of());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).doesNotContain("items");
  }

  @Test
  void givenThePeerSecret_whenTheInternalScanHasBadParameters_thenEachIsA400NamingIt()
      throws Exception {
    Map<String, String> peer = Map.of(PeerAuth.HEADER, instance.server.settings().peerSecret());

    HttpResponse<String> needed =
        send("/internal/scan?store=trade-annual-figures&needed=2147483647&group=0", peer);
    HttpResponse<String> part =
        send("/internal/scan?store=trade-annual-figures&needed=10&part=-1:x", peer);
    HttpResponse<String> fine =
        send("/internal/scan?store=trade-annual-figures&needed=10&part=0:KZ-BNS", peer);

    assertThat(needed.statusCode()).isEqualTo(400);
    assertThat(parse(needed.body())).containsEntry("parameter", "needed");
    assertThat(part.statusCode()).isEqualTo(400);
    assertThat(parse(part.body())).containsEntry("parameter", "part");
    assertThat(part.body()).doesNotContain("Exception");
    assertThat(fine.statusCode()).isEqualTo(200);
    assertThat(items(parse(fine.body()))).hasSize(10);
  }

  @Test
  void givenAnOutsideClient_whenItAsksForAStandbyOrForwardedRead_thenItIsRefused()
      throws Exception {
    String record = "/api/record?store=trade-annual-figures&key=KZ-BNS%7CKAZ%7CARM%7CTOTAL%7C2023";

    HttpResponse<String> standby = send(record + "&forwarded=true&standby=true", Map.of());
    HttpResponse<String> plain = send(record, Map.of());

    assertThat(standby.statusCode()).isEqualTo(403);
    assertThat(parse(standby.body())).containsEntry("parameter", "standby");
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(parse(plain.body())).containsEntry("stale", false);
  }

  // Finding 4: error bodies say and echo too much; no security headers.

  @Test
  void givenAHugeNumber_whenRejected_thenTheBodyNamesTheRuleAndEchoesFortyCharacters()
      throws Exception {
    HttpResponse<String> response = send("/api/alerts?limit=" + "9".repeat(5_000), Map.of());

    assertThat(response.statusCode()).isEqualTo(400);
    Map<String, Object> body = parse(response.body());
    assertThat(body).containsEntry("parameter", "limit");
    assertThat(body.get("error").toString())
        .contains("whole number from 1 to 1000")
        .contains("9".repeat(40) + "…")
        .doesNotContain("9".repeat(41));
    assertThat(response.body().length()).isLessThan(300);
  }

  @Test
  void givenAKeyWithMarkup_whenNotFound_thenTheAnswerIsJsonThatBrowsersMustNotSniff()
      throws Exception {
    HttpResponse<String> response =
        send(
            "/api/record?store=trade-annual-figures&key="
                + encode("<script>alert(1)</script>" + "x".repeat(100)),
            Map.of());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.body()).doesNotContain("x".repeat(41));
  }

  @Test
  void givenThePage_whenLoaded_thenItForbidsFramingAndForeignContent() throws Exception {
    HttpResponse<String> page = send("/", Map.of());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue(ApiRoutes.CONTENT_SECURITY_POLICY);
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  // Finding 5: validation gaps.

  @Test
  void givenNonAsciiDigitsOrAControlCharacter_whenSent_thenEachIsA400() throws Exception {
    HttpResponse<String> fullwidth = send("/api/alerts?limit=" + encode("１０"), Map.of());
    HttpResponse<String> arabicIndic = send("/api/alerts?limit=" + encode("١٠"), Map.of());
    HttpResponse<String> nextLine =
        send("/api/record?store=trade-annual-figures&key=" + encode("KZ-BNS\u0085KAZ"), Map.of());
    HttpResponse<String> bidiOverride =
        send("/api/revisions?keyPrefix=" + encode("KZ\u202EBNS"), Map.of());

    for (HttpResponse<String> response : List.of(fullwidth, arabicIndic)) {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(parse(response.body())).containsEntry("parameter", "limit");
    }
    assertThat(nextLine.statusCode()).isEqualTo(400);
    assertThat(parse(nextLine.body())).containsEntry("parameter", "key");
    assertThat(bidiOverride.statusCode()).isEqualTo(400);
    assertThat(send("/api/alerts?offset=1000000", Map.of()).statusCode()).isEqualTo(400);
  }

  @Test
  void givenACursor_whenPagingThroughASeries_thenEveryKeyComesOnceInOrder() throws Exception {
    List<String> keys = new ArrayList<>();
    String after = null;
    do {
      Map<String, Object> page =
          instance.json(
              "/api/series?" + KZ + "&limit=25" + (after == null ? "" : "&after=" + encode(after)));
      items(page).forEach(item -> keys.add((String) item.get("key")));
      after = (String) page.get("next");
    } while (after != null);

    assertThat(keys).hasSize(79).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void givenPairs_whenAskedTwiceOnceTheFiguresSettle_thenBothAnswersAgree() throws Exception {
    // (the annual figures of the samples may still be arriving; the cache is dropped whenever an
    // update comes in, so two answers agree once none comes between them)
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Map<String, Object> first = instance.json("/api/pairs");
              Map<String, Object> second = instance.json("/api/pairs");
              assertThat(items(first)).isNotEmpty().isEqualTo(items(second));
              assertThat(items(first))
                  .extracting(item -> item.get("key"))
                  .contains("KZ-BNS|KAZ|ARM", "AM-ARMSTAT|ARM|KAZ");
            });
  }

  private static Socket openStream() throws IOException {
    URI url = URI.create(instance.server.url());
    Socket socket = new Socket(url.getHost(), url.getPort());
    socket.setSoTimeout(30_000);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET /api/stream HTTP/1.1\r\nHost: "
                + url.getHost()
                + "\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  /** The status line, once the headers and the first comment ({@code :connected}) are in. */
  private static String readHead(Socket socket) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    String status = in.readLine();
    String line;
    while ((line = in.readLine()) != null && !line.startsWith(":")) {
      if (status != null && !status.contains(" 200")) {
        break;
      }
    }
    return status == null ? "" : status;
  }

  private static long pushClientsGauge() throws Exception {
    String metrics = send("/metrics", Map.of()).body();
    Matcher m =
        Pattern.compile("(?m)^tradewatch_dashboard_push_clients(\\{[^}]*\\})? ([0-9.eE+]+)$")
            .matcher(metrics);
    return m.find() ? (long) Double.parseDouble(m.group(2)) : -1;
  }

  private static HttpResponse<String> send(String pathAndQuery, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(instance.server.url() + pathAndQuery))
            .timeout(Duration.ofSeconds(15))
            .GET();
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
