package io.tradewatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tradewatch.avro.Alert;
import io.tradewatch.avro.AlertState;
import io.tradewatch.avro.FdiAnnual;
import io.tradewatch.avro.MirrorGap;
import io.tradewatch.avro.TargetProgress;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.broker.KafkaBrokerExtension;
import io.tradewatch.local.report.OutputSnapshot;
import io.tradewatch.local.run.ClusterConnection;
import io.tradewatch.local.run.InputLoader;
import io.tradewatch.local.run.LoadResult;
import io.tradewatch.local.run.LocalPipeline;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.delivery.AlertWebhook;
import io.tradewatch.streams.delivery.WebhookSender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample files through the producers into a real broker, the topology as a real KafkaStreams
 * instance, the outputs read back with a plain consumer: the published figures come out.
 */
class SampleDataEndToEndTest {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  static final Path SAMPLES = Path.of("..", "sample-data");
  private static final String KZ = "KZ-BNS|KAZ|ARM|TOTAL|";
  private static final String AM = "AM-ARMSTAT|ARM|KAZ|TOTAL|";

  private static LocalPipeline pipeline;
  private static LoadResult loaded;
  private static OutputSnapshot outputs;
  private static Topics topics;

  @BeforeAll
  static void publishTheSampleDataAndRunTheTopology() throws Exception {
    Topics unique = KAFKA.uniqueTopics();
    pipeline =
        LocalPipeline.start(
            new ClusterConnection(KAFKA.bootstrapServers(), Map.of()),
            KAFKA.uniqueAppId("e2e"),
            unique.prefix(),
            3,
            settings -> settings);
    topics = pipeline.topics();
    loaded =
        new InputLoader(pipeline.clientProperties(), topics, 0, false)
            .load(
                List.of(
                    SAMPLES.resolve("targets.csv"),
                    SAMPLES.resolve("trade-kz-bns.csv"),
                    SAMPLES.resolve("trade-am-armstat.csv"),
                    SAMPLES.resolve("fdi-kz-nbk.csv")),
                null,
                new PrintWriter(new StringWriter()));
    outputs = pipeline.awaitOutputs(Duration.ofMinutes(3), remaining -> {});
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void everySampleRowIsPublished() {
    assertThat(loaded.rejected()).isZero();
    assertThat(loaded.published())
        .as("data rows: 1 target, 2044 KZ-BNS, 666 AM-ARMSTAT, 40 FDI")
        .isEqualTo(2_751);
  }

  @Test
  void kazakhFiguresFor2023AreThePublishedOnes() {
    TradeAnnual y2023 = outputs.annual(topics, KZ + "2023");

    assertThat(y2023.getExportsUsd()).isEqualTo(new BigDecimal("33300000.00"));
    assertThat(y2023.getImportsUsd()).isEqualTo(new BigDecimal("19800000.00"));
    assertThat(y2023.getTurnoverUsd()).isEqualTo(new BigDecimal("53100000.00"));
    assertThat(y2023.getMonthsReported()).isEqualTo(12);
    // The sample turnovers are exact: 53,100,000.00 on 43,130,000.00 (2022) and 15,170,000.00
    // (2018). The published +23.1 % and ×3.5 are these, rounded.
    assertThat(y2023.getTurnoverYoyPct()).as("published +23.1 %").isEqualByComparingTo("23.1162");
    assertThat(y2023.getTurnoverMultiple5y())
        .as("×3.5 over five years")
        .isEqualByComparingTo("3.5003");
  }

  @Test
  void januaryToJuly2024IsTheYearToDateOfJuly() {
    TradeMonthly july = outputs.monthly(topics, KZ + "2024-07");

    assertThat(july.getYtdExportsUsd()).isEqualTo(new BigDecimal("9400000.00"));
    assertThat(july.getYtdImportsUsd()).isEqualTo(new BigDecimal("8500000.00"));
    assertThat(july.getYtdTurnoverUsd()).isEqualTo(new BigDecimal("17900000.00"));
    assertThat(july.getT12mTurnoverUsd())
        .as("KZ-BNS X + M, 2023-08 to 2024-07, summed from trade-kz-bns.csv")
        .isEqualTo(new BigDecimal("42234571.21"));
  }

  @Test
  void armenianFiguresStayAttributedToArmstatAndShowTheMirrorGap() {
    TradeAnnual armenia2023 = outputs.annual(topics, AM + "2023");
    TradeAnnual armenia2022 = outputs.annual(topics, AM + "2022");

    assertThat(armenia2023.getExportsUsd()).isEqualTo(new BigDecimal("71300000.00"));
    assertThat(armenia2023.getTurnoverUsd()).isEqualTo(new BigDecimal("100400000.00"));
    assertThat(
            armenia2023
                .getTurnoverUsd()
                .divide(armenia2022.getTurnoverUsd(), 2, java.math.RoundingMode.HALF_EVEN))
        .as("Armenia: turnover 2.4 times 2022")
        .isEqualByComparingTo("2.40");
    assertThat(outputs.annual(topics, KZ + "2023").getTurnoverUsd())
        .as("never added to the Kazakh figure")
        .isEqualTo(new BigDecimal("53100000.00"));
  }

  @Test
  void mirrorStatisticsShowTheSidesCloseIn2022AndFarApartIn2023() {
    MirrorGap y2022 = outputs.mirror(topics, "AM-ARMSTAT|ARM|KZ-BNS|KAZ|TOTAL|2022");
    MirrorGap y2023 = outputs.mirror(topics, "AM-ARMSTAT|ARM|KZ-BNS|KAZ|TOTAL|2023");

    assertThat(y2022.getExportsUsd()).isEqualTo(new BigDecimal("18760000.00"));
    assertThat(y2022.getImportsUsd()).isEqualTo(new BigDecimal("16700000.00"));
    assertThat(y2022.getGapUsd()).isEqualTo(new BigDecimal("-2060000.00"));
    assertThat(y2022.getGapPct()).isEqualByComparingTo("-10.9808");
    assertThat(y2023.getExportsUsd()).isEqualTo(new BigDecimal("71300000.00"));
    assertThat(y2023.getImportsUsd()).isEqualTo(new BigDecimal("19800000.00"));
    assertThat(y2023.getGapUsd()).isEqualTo(new BigDecimal("-51500000.00"));
    assertThat(y2023.getGapPct()).isEqualByComparingTo("-72.2300");
  }

  @Test
  void theSampleDataRaiseThe2023MirrorGapAlertOnce() {
    Alert gap =
        outputs.values(topics.alerts()).get("mirror-gap|AM-ARMSTAT/KZ-BNS|ARM|KAZ|TOTAL|2023");

    assertThat(gap.getState()).isEqualTo(AlertState.RAISED);
    assertThat(gap.getObserved()).as("the 2023 gap in percent").isEqualByComparingTo("-72.2300");
    assertThat(gap.getExpectedLow()).isEqualByComparingTo("-30");
    assertThat(gap.getExpectedHigh()).isEqualByComparingTo("30");
    assertThat(pipeline.openAlerts())
        .filteredOn(a -> a.getAlertId().equals(gap.getAlertId()))
        .singleElement()
        .satisfies(a -> assertThat(a.getMessage()).contains("71.3 M USD").contains("19.8 M USD"));
  }

  @Test
  void alertEventsReachAWebhookThatFailsFirstAndRecovers() throws Exception {
    List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger failures =
        new java.util.concurrent.atomic.AtomicInteger(2);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          boolean fail = failures.getAndDecrement() > 0;
          if (!fail) {
            received.add(body);
          }
          exchange.sendResponseHeaders(fail ? 500 : 200, -1);
          exchange.close();
        });
    server.start();
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    AlertWebhook webhook =
        AlertWebhook.start(
            pipeline.clientProperties(),
            topics,
            KAFKA.uniqueAppId("webhook"),
            new WebhookSender(url, 5, Duration.ofMillis(20)));
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(received)
                      .anySatisfy(
                          json ->
                              assertThat(json)
                                  .contains("mirror-gap|AM-ARMSTAT/KZ-BNS|ARM|KAZ|TOTAL|2023")
                                  .contains("\"state\":\"RAISED\"")));
    } finally {
      webhook.close();
      server.stop(0);
    }
  }

  @Test
  void targetProgressCountsOnlyTheListedProducts() {
    TargetProgress p2023 = outputs.target(topics, "KZ-ARM-70-PRODUCTS|2023");

    assertThat(p2023.getTargetUsd()).isEqualTo(new BigDecimal("350000000.00"));
    // KZ-BNS exports of 2023 in the 70 listed headings: all but tobacco (2402, 2403).
    assertThat(p2023.getAchievedUsd()).isEqualTo(new BigDecimal("22675387.59"));
    assertThat(p2023.getProgressPct()).isEqualByComparingTo("6.4787");
    assertThat(p2023.getMonthsReported()).isEqualTo(12);
  }

  @Test
  void fdiInflowsAddUpToThePublishedCumulativeFigures() {
    FdiAnnual inward2024 = outputs.fdi(topics, "KZ-NBK|KAZ|ARM|INWARD|GROSS_INFLOW|2024");
    FdiAnnual inward2023 = outputs.fdi(topics, "KZ-NBK|KAZ|ARM|INWARD|GROSS_INFLOW|2023");
    FdiAnnual outward2024 = outputs.fdi(topics, "KZ-NBK|KAZ|ARM|OUTWARD|GROSS_INFLOW|2024");

    assertThat(inward2024.getCumulativeUsd()).isEqualTo(new BigDecimal("20600000.00"));
    assertThat(inward2024.getFirstYear()).isEqualTo(2005);
    assertThat(inward2023.getValueUsd()).isEqualTo(new BigDecimal("6000000.00"));
    assertThat(inward2023.getYoyPct()).isEqualByComparingTo("100");
    assertThat(outward2024.getCumulativeUsd()).isEqualTo(new BigDecimal("56500000.00"));
  }
}
