package io.tradewatch.dashboard;

import static io.tradewatch.dashboard.RunningDashboard.items;
import static io.tradewatch.dashboard.RunningDashboard.parse;
import static io.tradewatch.dashboard.RunningDashboard.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.tradewatch.broker.KafkaBrokerExtension;
import io.tradewatch.schemas.Topics;
import io.tradewatch.schemas.WireHeaders;
import io.tradewatch.streams.query.QueryableStores;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard end to end: two instances of one application (same application id, 4 partitions,
 * each advertising its own dashboard) on a real broker, with the sample files published once for
 * every test here. The API tests ask the first instance, so every scan fans out to both.
 */
class DashboardEndToEndTest {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  private static final String KZ = "source=KZ-BNS&reporter=KAZ&partner=ARM";
  private static final Duration SETTLE = Duration.ofSeconds(180);

  @TempDir static Path dir;
  private static Topics topics;
  private static RunningDashboard first;
  private static RunningDashboard second;

  @BeforeAll
  static void startTwoInstancesAndPublishTheSamples() throws Exception {
    topics = KAFKA.createUniqueTopics(SampleMonthlyKeys.PARTITIONS);
    String applicationId = KAFKA.uniqueAppId("dashboard");
    // Both join before any state exists, so Kafka Streams shares the tasks between them.
    first = RunningDashboard.start(KAFKA, topics, applicationId, dir.resolve("one"));
    second = RunningDashboard.start(KAFKA, topics, applicationId, dir.resolve("two"));
    RunningDashboard.publishSamples(KAFKA, topics);
    // A pair in every partition, so that each instance owns some figures (the samples are one
    // pair).
    RunningDashboard.publishTrade(KAFKA, topics, dir, SampleMonthlyKeys.spreadRows());
    for (RunningDashboard instance : List.of(first, second)) {
      await()
          .atMost(SETTLE)
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(
              () ->
                  items(instance.json("/api/annual?" + KZ + "&from=2024")).size() == 1
                      && items(instance.json("/api/fdi")).size() > 0
                      && items(instance.json("/api/mirror")).size() > 0
                      && items(instance.json("/api/targets")).size() > 0
                      && instance.json("/api/series?" + KZ + "&limit=1").get("total").equals(79)
                      && "53100000.00"
                          .equals(
                              value(
                                      items(
                                              instance.json(
                                                  "/api/annual?" + KZ + "&from=2023&to=2023"))
                                          .get(0))
                                  .get("turnoverUsd")));
    }
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  // ---- Api ----
  @Test
  void givenTheSamples_whenAnnualFiguresAreQueried_thenKazakh2023TurnoverIs53_1MillionAsText()
      throws Exception {
    Map<String, Object> body = first.json("/api/annual?" + KZ + "&from=2023&to=2023");

    assertThat(body).containsEntry("total", 1).containsEntry("hsGroup", "TOTAL");
    Map<String, Object> item = items(body).get(0);
    assertThat(item).containsEntry("key", "KZ-BNS|KAZ|ARM|TOTAL|2023");
    assertThat(value(item))
        .containsEntry("turnoverUsd", "53100000.00")
        .containsEntry("exportsUsd", "33300000.00");
    assertThat((String) value(item).get("turnoverYoyPct")).startsWith("23.1");
  }

  @Test
  void givenTheSamples_whenTheMonthlySeriesIsPaged_thenPagesFollowInKeyOrderWithTheTotal()
      throws Exception {
    Map<String, Object> page = first.json("/api/series?" + KZ + "&limit=10&offset=10&to=2024-07");
    Map<String, Object> year = first.json("/api/series?" + KZ + "&from=2023-01&to=2023-12");

    assertThat(page).containsEntry("total", 79).containsEntry("offset", 10);
    assertThat(items(page))
        .extracting(i -> i.get("key"))
        .hasSize(10)
        .first()
        .isEqualTo("KZ-BNS|KAZ|ARM|TOTAL|2018-11");
    assertThat(items(year)).hasSize(12);
    assertThat(items(year)).extracting(i -> (String) i.get("key")).isSorted();
  }

  @Test
  void givenABadParameter_whenQueried_thenAnswer400NamesTheParameter() throws Exception {
    var missing = first.get("/api/series?source=KZ-BNS&reporter=KAZ");
    var badMonth = first.get("/api/series?" + KZ + "&from=2023-13");
    var tooMany = first.get("/api/annual?" + KZ + "&limit=1001");
    var reversed = first.get("/api/annual?" + KZ + "&from=2024&to=2020");
    var badTopic = first.get("/api/stream?topics=nope");

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(parse(missing.body()))
        .containsEntry("parameter", "partner")
        .containsEntry("error", "query parameter 'partner' is required");
    assertThat(badMonth.statusCode()).isEqualTo(400);
    assertThat(parse(badMonth.body())).containsEntry("parameter", "from");
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(parse(tooMany.body())).containsEntry("parameter", "limit");
    assertThat(reversed.statusCode()).isEqualTo(400);
    assertThat(parse(reversed.body())).containsEntry("parameter", "from");
    assertThat(badTopic.statusCode()).isEqualTo(400);
    assertThat(parse(badTopic.body())).containsEntry("parameter", "topics");
  }

  @Test
  void givenTheSamples_whenTheLatestIsAsked_thenNewest2024MonthAndYear2024() throws Exception {
    Map<String, Object> body = first.json("/api/latest?" + KZ);

    assertThat((String) ((Map<?, ?>) body.get("month")).get("key"))
        .startsWith("KZ-BNS|KAZ|ARM|TOTAL|2024-");
    assertThat(((Map<?, ?>) body.get("year")).get("key")).isEqualTo("KZ-BNS|KAZ|ARM|TOTAL|2024");
    assertThat(first.get("/api/latest?source=NOPE&reporter=KAZ&partner=ARM").statusCode())
        .isEqualTo(404);
  }

  @Test
  void givenTheSamples_whenPairsTargetsMirrorAndFdiAreListed_thenEachHoldsTheSampleFigures()
      throws Exception {
    List<Map<String, Object>> pairs = items(first.json("/api/pairs"));
    List<Map<String, Object>> targets =
        items(first.json("/api/targets?targetId=KZ-ARM-70-PRODUCTS"));
    List<Map<String, Object>> mirror = items(first.json("/api/mirror?exporter=KAZ&importer=ARM"));
    Map<String, Object> fdi = first.json("/api/fdi?source=KZ-NBK&counterpart=ARM&limit=5");

    List<String> expectedPairs = new ArrayList<>(SampleMonthlyKeys.spreadPairs());
    expectedPairs.addAll(List.of("AM-ARMSTAT|ARM|KAZ", "KZ-BNS|KAZ|ARM"));
    Collections.sort(expectedPairs);
    assertThat(pairs).extracting(p -> p.get("key")).containsExactlyElementsOf(expectedPairs);
    assertThat(targets)
        .isNotEmpty()
        .allSatisfy(t -> assertThat((String) t.get("key")).startsWith("KZ-ARM-70-PRODUCTS|"));
    assertThat(value(targets.get(0))).containsEntry("targetUsd", "350000000.00");
    assertThat(mirror)
        .extracting(m -> m.get("key"))
        .contains("KZ-BNS|KAZ|AM-ARMSTAT|ARM|TOTAL|2023");
    assertThat(items(fdi)).hasSize(5);
    assertThat((Integer) fdi.get("total")).isGreaterThan(5);
    assertThat((String) value(items(fdi).get(0)).get("valueUsd")).matches("-?[0-9]+\\.[0-9]{2}");
  }

  @Test
  void givenAKey_whenRecordIsAsked_thenItIsFoundAndAnUnknownKeyIs404() throws Exception {
    Map<String, Object> found =
        first.json("/api/record?store=trade-annual-figures&key=KZ-BNS|KAZ|ARM|TOTAL|2023");
    var missing = first.get("/api/record?store=trade-annual-figures&key=NOPE|2023");
    var badStore = first.get("/api/record?store=nope&key=x");

    assertThat(value(found)).containsEntry("turnoverUsd", "53100000.00");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(badStore.statusCode()).isEqualTo(400);
    assertThat(parse(badStore.body())).containsEntry("parameter", "store");
  }

  @Test
  void givenTheSamples_whenOpenAlertsAreAsked_thenTheMirrorGapOf2023IsAmongThemRaised() {
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              var response = first.get("/api/alerts?limit=100");
              assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
              List<Map<String, Object>> open = items(parse(response.body()));
              assertThat(open)
                  .extracting(item -> item.get("key"))
                  .contains("mirror-gap|AM-ARMSTAT/KZ-BNS|ARM|KAZ|TOTAL|2023");
              assertThat(open)
                  .extracting(item -> value(item).get("state"))
                  .as("the table holds open alerts only")
                  .containsOnly("RAISED");
            });
  }

  @Test
  void givenARevisedFigure_whenRevisionsAreListed_thenItIsFirst() throws Exception {
    RunningDashboard.publishTrade(
        KAFKA, topics, dir, "KZ-BNS,KAZ,ARM,X,2018-01,0402,30000.00,,,,2");

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              List<Map<String, Object>> revisions = items(first.json("/api/revisions"));
              assertThat(revisions).isNotEmpty();
              assertThat(value(revisions.get(0)))
                  .containsEntry("recordKey", "KZ-BNS|KAZ|ARM|X|2018-01|0402")
                  .containsEntry("previousValueUsd", "26205.71")
                  .containsEntry("valueUsd", "30000.00");
            });
  }

  @Test
  void givenARunningInstance_whenHealthAndPageAreAsked_thenUpAndTheHtmlPage() throws Exception {
    Map<String, Object> health = first.json("/api/health");
    var page = first.get("/");
    var chartJs = first.get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js");

    assertThat(health).containsEntry("status", "UP").containsEntry("streams", "RUNNING");
    assertThat(page.body()).contains("id=\"chart-monthly\"").contains("chart.umd.min.js");
    assertThat(chartJs.statusCode()).isEqualTo(200);
  }

  // ---- TwoInstances ----
  @Test
  void givenTwoInstances_whenEachIsAskedForAKeyTheOtherOwns_thenItAnswersFromTheOwner()
      throws Exception {
    HostInfo firstHost = host(first);
    HostInfo secondHost = host(second);
    String ownedBySecond = keyOwnedBy(secondHost);
    String ownedByFirst = keyOwnedBy(firstHost);

    Map<String, Object> fromFirst = record(first, ownedBySecond);
    Map<String, Object> fromSecond = record(second, ownedByFirst);

    assertThat(fromFirst)
        .containsEntry("key", ownedBySecond)
        .containsEntry("servedBy", "127.0.0.1:" + second.server.port());
    assertThat(fromSecond)
        .containsEntry("key", ownedByFirst)
        .containsEntry("servedBy", "127.0.0.1:" + first.server.port());
    assertThat((String) value(fromFirst).get("turnoverUsd")).matches("[0-9]+\\.[0-9]{2}");
  }

  @Test
  void givenTwoInstances_whenEitherScansASeries_thenBothAnswerTheWholeSeries() throws Exception {
    Map<String, Object> fromFirst = first.json("/api/annual?" + KZ);
    Map<String, Object> fromSecond = second.json("/api/annual?" + KZ);

    assertThat(fromFirst).containsEntry("total", 7);
    assertThat(fromSecond).isEqualTo(fromFirst);
  }

  private static HostInfo host(RunningDashboard instance) {
    return new HostInfo("127.0.0.1", instance.server.port());
  }

  /** A monthly key whose active partition is on {@code owner}, by the streams' own metadata. */
  private String keyOwnedBy(HostInfo owner) {
    Optional<String> key =
        SampleMonthlyKeys.first(first.app.streams(), m -> owner.equals(m.activeHost()));
    assertThat(key).as("some monthly key owned by %s", owner).isPresent();
    return key.orElseThrow();
  }

  private Map<String, Object> record(RunningDashboard instance, String key) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> instance.json("/api/record?store=" + QueryableStores.MONTHLY + "&key=" + key),
            body -> body.containsKey("value"));
  }

  // ---- PushAndMetrics ----
  @Test
  void givenAPushClient_whenARecordIsPublished_thenItReceivesTheUpdateWithinSeconds()
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    second.server.url()
                        + "/api/stream?topics=trade-monthly"
                        + "&keyPrefix=KZ-BNS%7CKAZ%7CARM%7CTOTAL%7C2024-10"))
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).startsWith(":"); // the "connected" comment: subscribed
      // The figure arrives first (its month not yet released: exports null), then its release.
      CompletableFuture<String> update =
          CompletableFuture.supplyAsync(() -> firstData(lines, "\"exportsUsd\":\"1000000.00\""));
      long published = System.nanoTime();
      RunningDashboard.publishTrade(
          KAFKA, topics, dir, "KZ-BNS,KAZ,ARM,X,2024-10,TOTAL,1000000.00,,,,1");

      String data = update.get(30, TimeUnit.SECONDS);
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - published);

      assertThat(data)
          .contains("\"topic\":\"trade-monthly\"")
          .contains("\"key\":\"KZ-BNS|KAZ|ARM|TOTAL|2024-10\"")
          .contains("\"exportsUsd\":\"1000000.00\"");
      assertThat(seconds).isLessThan(30);
    }
  }

  @Test
  void givenOutputs_whenMetricsAreScraped_thenOwnAndKafkaStreamsMetricsHaveSaneValues()
      throws Exception {
    // An output record stamped as published 250 ms ago, as records passing the topology are.
    try (KafkaProducer<String, byte[]> out =
        new KafkaProducer<>(
            KAFKA.clientProperties(), new StringSerializer(), new ByteArraySerializer())) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(topics.tradeMonthly().name(), "dashboard-test|latency", null);
      record
          .headers()
          .add(
              WireHeaders.PUBLISHED_AT,
              Long.toString(System.currentTimeMillis() - 250).getBytes(StandardCharsets.UTF_8));
      out.send(record).get();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String metrics = first.get("/metrics").body();
              assertThat(
                      sample(metrics, "tradewatch_output_records_total{topic=\"trade-monthly\"}"))
                  .isGreaterThanOrEqualTo(79);
              assertThat(sample(metrics, "tradewatch_end_to_end_latency_seconds_count"))
                  .isPositive();
              // The record above went to trade-monthly; other topics have latencies of their own.
              assertThat(
                      sample(
                          metrics,
                          "tradewatch_end_to_end_latency_seconds_max{topic=\"trade-monthly\"}"))
                  .isGreaterThanOrEqualTo(0.25)
                  .isLessThan(600);
              assertThat(sample(metrics, "tradewatch_event_time_lag_seconds"))
                  .isBetween(0.0, 20.0 * 365 * 24 * 3600);
              assertThat(sample(metrics, "kafka_stream_thread_process_total")).isPositive();
              assertThat(metrics)
                  .as("the monthly table's figures computed and written, as Kafka Streams metrics")
                  .containsPattern(
                      "(?m)^kafka_stream_tradewatch_figure_table_figures_computed_total\\{.*"
                          + "tradewatch_figure_table_id=\"trade-monthly-figures\".*\\} [1-9]")
                  .containsPattern(
                      "(?m)^kafka_stream_tradewatch_figure_table_figures_written_total\\{.*"
                          + "tradewatch_figure_table_id=\"trade-monthly-figures\".*\\} [1-9]");
              assertThat(metrics)
                  .as("alert events counted")
                  .containsPattern("(?m)^tradewatch_alerts_total\\{.*state=\"RAISED\".*\\} [1-9]");
              assertThat(sample(metrics, "jvm_memory_used_bytes")).isPositive();
            });
    first.server.meterRegistry().counter("test.added").increment();
    assertThat(first.get("/metrics").body()).contains("test_added_total 1.0");

    // The provisioned Grafana dashboard queries only metrics this application exports.
    String exported = first.get("/metrics").body();
    com.fasterxml.jackson.databind.JsonNode grafana =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                java.nio.file.Path.of("../deploy/grafana/dashboards/tradewatch.json").toFile());
    java.util.List<String> queried = new java.util.ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode panel : grafana.get("panels")) {
      for (com.fasterxml.jackson.databind.JsonNode target : panel.get("targets")) {
        java.util.regex.Matcher names =
            java.util.regex.Pattern.compile("\\b((?:tradewatch|kafka|jvm)_[a-z0-9_]+)")
                .matcher(target.get("expr").asText());
        while (names.find()) {
          queried.add(names.group(1));
        }
      }
    }
    assertThat(queried).isNotEmpty();
    assertThat(queried)
        .allSatisfy(
            name ->
                assertThat(exported)
                    .as("Grafana queries %s", name)
                    .containsPattern("(?m)^" + java.util.regex.Pattern.quote(name) + "[{ ]"));
  }

  /** The first data line holding {@code text}. */
  private static String firstData(BufferedReader lines, String text) {
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("data:") && line.contains(text)) {
          return line;
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- Browser ----
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOT = Path.of("target", "screenshots", "dashboard.png");

  /** Counts the drawn (non-transparent) pixels of a canvas. */
  private static final String DRAWN_PIXELS =
      "const c = document.getElementById(arguments[0]);"
          + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
          + "let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n;";

  private WebDriver browser;

  @AfterEach
  void quit() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void givenTheSamples_whenThePageIsOpened_thenItShows53_1MillionAChartAndLiveUpdates()
      throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail(
          "The browser test needs Chromium and its driver at "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + ": install them with `apt-get install -y chromium chromium-driver` (CI does)");
    }
    browser = chromium(dir.resolve("chromium-profile"));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    // The page redraws its table on every update: an element found may be replaced at once.
    wait.ignoring(StaleElementReferenceException.class);

    browser.get(first.server.url() + "/");
    wait.until(d -> new Select(d.findElement(By.id("source"))).getOptions().size() >= 2);
    new Select(browser.findElement(By.id("source"))).selectByValue("KZ-BNS");
    wait.until(d -> d.findElement(By.id("turnover-2023")).getText().equals("53.1 M USD"));

    wait.until(d -> d.findElement(By.id("growth-2023")).getText().equals("+23.1 %"));
    assertThat(drawnPixels("chart-monthly")).isGreaterThan(1_000);
    assertThat(drawnPixels("chart-growth")).isGreaterThan(1_000);
    wait.until(d -> d.findElement(By.id("live-status")).getText().equals("live"));
    BigDecimal before = turnover2024();

    // August 2024 exports of 5 M USD (other tests here may have added months too).
    RunningDashboard.publishTrade(
        KAFKA, topics, dir, "KZ-BNS,KAZ,ARM,X,2024-08,TOTAL,5000000.00,,,,1");
    BigDecimal atLeast = before.add(new BigDecimal("5000000.00"));
    wait.until(
        d -> {
          BigDecimal now = turnover2024();
          return now.compareTo(atLeast) >= 0
              && d.findElement(By.id("turnover-2024")).getText().equals(millions(now));
        });

    Object loads = ((JavascriptExecutor) browser).executeScript("return window.tradewatch.loads");
    assertThat(loads).as("page loads: updated without a reload").isEqualTo(1L);
    Files.createDirectories(SCREENSHOT.getParent());
    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
  }

  private static BigDecimal turnover2024() {
    try {
      Map<String, Object> body = first.json("/api/annual?" + KZ + "&from=2024&to=2024");
      return new BigDecimal((String) value(items(body).get(0)).get("turnoverUsd"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** As the page writes it: 22.9 M USD. */
  private static String millions(BigDecimal usd) {
    return usd.movePointLeft(6).setScale(1, RoundingMode.HALF_UP) + " M USD";
  }

  private long drawnPixels(String canvasId) {
    return (Long) ((JavascriptExecutor) browser).executeScript(DRAWN_PIXELS, canvasId);
  }

  private static WebDriver chromium(Path profile) {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1800",
        "--user-data-dir=" + profile.toAbsolutePath());
    return new ChromeDriver(service, options);
  }

  /** The first sample of a metric whose line starts with {@code name} (labels may follow). */
  static double sample(String scrape, String name) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(name))
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no metric "
                        + name
                        + " in /metrics; tradewatch metrics there: "
                        + scrape.lines().filter(l -> l.startsWith("tradewatch")).toList()));
  }
}
