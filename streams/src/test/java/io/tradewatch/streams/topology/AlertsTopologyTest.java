package io.tradewatch.streams.topology;

import static io.tradewatch.streams.topology.TopologyFixture.kz;
import static io.tradewatch.streams.topology.TopologyFixture.revised;
import static io.tradewatch.streams.topology.TopologyFixture.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.Flow;
import io.tradewatch.avro.TradeRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule raises once when its condition starts, stays quiet while it holds, clears once. */
class AlertsTopologyTest {
  @TempDir Path stateDir;
  private TopologyFixture fixture;
  private TestOutputTopic<String, Alert> alerts;

  @BeforeEach
  void start() {
    fixture = new TopologyFixture(stateDir);
    alerts = fixture.output(fixture.topics.alerts());
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private List<Alert> events(String rule) {
    List<Alert> out = new ArrayList<>();
    for (Alert a : alerts.readValuesToList()) {
      if (a.getRule().equals(rule)) {
        out.add(a);
      }
    }
    return out;
  }

  private static List<String> states(List<Alert> events) {
    return events.stream().map(a -> a.getState() + " " + a.getAlertId()).toList();
  }

  @Test
  void annualGrowthBeyondTheThresholdRaisesOnceAndClearsWhenRevisedBack() {
    TradeRecord x2023 = kz(Flow.X, 2023, null, "TOTAL", "300.00");
    fixture.publish(
        kz(Flow.X, 2022, null, "TOTAL", "100.00"),
        kz(Flow.M, 2022, null, "TOTAL", "100.00"),
        kz(Flow.M, 2023, null, "TOTAL", "100.00"),
        x2023);
    assertThat(states(events("annual-turnover-yoy")))
        .containsExactly("RAISED annual-turnover-yoy|KZ-BNS|KAZ|ARM|TOTAL|2023");

    fixture.publish(revised(x2023, 2, "320.00"));
    assertThat(events("annual-turnover-yoy")).as("still +110 %: no repeat").isEmpty();

    fixture.publish(revised(x2023, 3, "120.00"));
    List<Alert> cleared = events("annual-turnover-yoy");
    assertThat(states(cleared))
        .containsExactly("CLEARED annual-turnover-yoy|KZ-BNS|KAZ|ARM|TOTAL|2023");
    assertThat(cleared.get(0).getMessage()).contains("+10.0 %");
  }

  @Test
  void aMirrorGapBeyondTheThresholdRaisesAndClears() {
    TradeRecord armExports =
        trade("AM-ARMSTAT", "ARM", "KAZ", Flow.X, 2023, null, "TOTAL", "110.00", 1);
    fixture.publish(
        kz(Flow.X, 2023, null, "TOTAL", "100.00"),
        kz(Flow.M, 2023, null, "TOTAL", "110.00"),
        trade("AM-ARMSTAT", "ARM", "KAZ", Flow.M, 2023, null, "TOTAL", "110.00", 1),
        armExports);
    assertThat(events("mirror-gap")).as("within 30 % after CIF/FOB 1.10").isEmpty();

    fixture.publish(revised(armExports, 2, "400.00"));
    List<Alert> raised = events("mirror-gap");
    assertThat(states(raised))
        .containsExactly("RAISED mirror-gap|AM-ARMSTAT/KZ-BNS|ARM|KAZ|TOTAL|2023");
    assertThat(raised.get(0).getMessage()).contains("AM-ARMSTAT reports ARM exports to KAZ");

    fixture.publish(revised(armExports, 3, "120.00"));
    assertThat(states(events("mirror-gap")))
        .containsExactly("CLEARED mirror-gap|AM-ARMSTAT/KZ-BNS|ARM|KAZ|TOTAL|2023");
  }

  @Test
  void aNormalDecemberPeakRaisesNothingAndAnAbnormalOneRaises() {
    // Turnover needs both flows released: the months have no imports (zero, released).
    for (int year = 2019; year <= 2023; year++) {
      for (int month = 1; month <= 12; month++) {
        fixture.publish(
            kz(Flow.X, year, month, "TOTAL", month == 12 ? "1000.00" : "100.00"),
            kz(Flow.M, year, month, "TOTAL", "0.00"));
      }
    }
    assertThat(events("seasonal-band")).as("every December peaks, as usual").isEmpty();

    for (int month = 1; month <= 11; month++) {
      fixture.publish(
          kz(Flow.X, 2024, month, "TOTAL", "100.00"), kz(Flow.M, 2024, month, "TOTAL", "0.00"));
    }
    fixture.publish(
        kz(Flow.X, 2024, 12, "TOTAL", "5000.00"), kz(Flow.M, 2024, 12, "TOTAL", "0.00"));

    List<Alert> raised = events("seasonal-band");
    assertThat(states(raised)).containsExactly("RAISED seasonal-band|KZ-BNS|KAZ|ARM|TOTAL|2024-12");
    assertThat(raised.get(0).getExpectedHigh()).isEqualByComparingTo("2000");
    assertThat(raised.get(0).getMessage()).contains("December");
  }

  @Test
  void anAbnormalDecemberRevisedBackToItsUsualPeakClears() {
    for (int year = 2019; year <= 2023; year++) {
      fixture.publish(
          kz(Flow.X, year, 12, "TOTAL", "1000.00"), kz(Flow.M, year, 12, "TOTAL", "0.00"));
    }
    TradeRecord december = kz(Flow.X, 2024, 12, "TOTAL", "5000.00");
    fixture.publish(december, kz(Flow.M, 2024, 12, "TOTAL", "0.00"));
    assertThat(states(events("seasonal-band")))
        .containsExactly("RAISED seasonal-band|KZ-BNS|KAZ|ARM|TOTAL|2024-12");

    fixture.publish(revised(december, 2, "1100.00"));
    fixture.publish(revised(december, 3, "1050.00"));

    assertThat(states(events("seasonal-band")))
        .as("cleared once; the second normal revision changes nothing")
        .containsExactly("CLEARED seasonal-band|KZ-BNS|KAZ|ARM|TOTAL|2024-12");
  }

  @Test
  void aTargetBehindItsScheduleRaises() {
    fixture.publish(TopologyFixture.target("2000.00", 2023, 2025, "72"));
    for (int month = 1; month <= 12; month++) {
      fixture.publish(kz(Flow.X, 2023, month, "7202", "100.00"));
    }
    assertThat(events("target-behind")).as("base year is on its own schedule").isEmpty();

    for (int month = 1; month <= 12; month++) {
      fixture.publish(kz(Flow.X, 2024, month, "7202", "110.00"));
    }

    List<Alert> raised = events("target-behind");
    assertThat(states(raised))
        .containsExactly("RAISED target-behind|KZ-BNS|KAZ|ARM|KZ-ARM-TEST|2024");
    assertThat(raised.get(0).getMessage()).contains("below its schedule");
  }

  @Test
  void aSourceThatFallsSilentRaisesAndClearsWhenItPublishesAgain() {
    fixture.publish(trade("AM-ARMSTAT", "ARM", "KAZ", Flow.X, 2023, 12, "TOTAL", "1.00", 1));
    fixture.publish(kz(Flow.X, 2024, 3, "TOTAL", "1.00"));
    assertThat(events("source-silent")).as("3 months behind: not yet").isEmpty();

    fixture.publish(kz(Flow.X, 2024, 7, "TOTAL", "1.00"));
    List<Alert> raised = events("source-silent");
    assertThat(states(raised)).containsExactly("RAISED source-silent|AM-ARMSTAT|ARM|*|TOTAL");
    assertThat(raised.get(0).getMessage())
        .isEqualTo(
            "AM-ARMSTAT has released nothing for ARM since 2023-12, 7 months behind the newest"
                + " release of any source (2024-07).");

    fixture.publish(kz(Flow.X, 2024, 8, "TOTAL", "1.00"));
    assertThat(events("source-silent")).as("still silent: no repeat").isEmpty();

    fixture.publish(trade("AM-ARMSTAT", "ARM", "KAZ", Flow.X, 2024, 6, "TOTAL", "1.00", 1));
    assertThat(states(events("source-silent")))
        .containsExactly("CLEARED source-silent|AM-ARMSTAT|ARM|*|TOTAL");
  }

  @Test
  void aPairWhoseTradeStopsWhileItsSourceKeepsReleasingRaisesAndClearsWhenTradeResumes() {
    for (int month = 1; month <= 3; month++) {
      fixture.publish(
          kz(Flow.X, 2023, month, "2402", "100.00"), kz(Flow.M, 2023, month, "0806", "10.00"));
    }
    for (int month = 4; month <= 8; month++) {
      fixture.release(List.of(TopologyFixture.kzRelease(2023, month, 1, Flow.X, Flow.M)));
    }
    assertThat(events("trade-stopped")).as("5 released months without trade: not yet").isEmpty();

    fixture.release(List.of(TopologyFixture.kzRelease(2023, 9, 1, Flow.X, Flow.M)));
    List<Alert> raised = events("trade-stopped");
    assertThat(states(raised))
        .as("the all-products series only, not its chapters")
        .containsExactly("RAISED trade-stopped|KZ-BNS|KAZ|ARM|TOTAL|2023-04");
    assertThat(raised.get(0).getMessage())
        .isEqualTo(
            "KZ-BNS reports no trade of KAZ with ARM since 2023-04: 6 released months without"
                + " trade, to 2023-09.");
    assertThat(raised.get(0).getObserved()).isEqualByComparingTo("6");

    fixture.publish(kz(Flow.X, 2023, 10, "2402", "5.00"), kz(Flow.M, 2023, 10, "0806", "0.00"));
    assertThat(states(events("trade-stopped")))
        .containsExactly("CLEARED trade-stopped|KZ-BNS|KAZ|ARM|TOTAL|2023-04");
  }

  @Test
  void releasesOfTheYearsAfterTheLastTradeStillCountTowardsTradeStopped() {
    // Given a pair that traded until December 2022, whose source then releases 2023 month by month
    fixture.publish(kz(Flow.X, 2022, 11, "TOTAL", "7.00"), kz(Flow.M, 2022, 12, "TOTAL", "3.00"));
    fixture.release(
        List.of(
            TopologyFixture.kzRelease(2022, 11, 1, Flow.X, Flow.M),
            TopologyFixture.kzRelease(2022, 12, 1, Flow.X, Flow.M)));
    for (int month = 1; month <= 5; month++) {
      fixture.release(List.of(TopologyFixture.kzRelease(2023, month, 1, Flow.X, Flow.M)));
    }
    assertThat(events("trade-stopped")).as("5 released months without trade: not yet").isEmpty();

    // When the sixth month without trade is released (the series has no figure in 2023 at all)
    fixture.release(List.of(TopologyFixture.kzRelease(2023, 6, 1, Flow.X, Flow.M)));

    // Then the alert is raised, counting the six months and no more
    List<Alert> raised = events("trade-stopped");
    assertThat(states(raised)).containsExactly("RAISED trade-stopped|KZ-BNS|KAZ|ARM|TOTAL|2023-01");
    assertThat(raised.get(0).getObserved()).isEqualByComparingTo("6");

    // ... and later releases do not change what it says
    fixture.release(List.of(TopologyFixture.kzRelease(2023, 7, 1, Flow.X, Flow.M)));
    assertThat(events("trade-stopped")).isEmpty();
  }

  @Test
  void aLargeRevisionRaisesAndARevisionBackClears() {
    TradeRecord first = kz(Flow.X, 2023, 5, "2402", "1000.00");
    fixture.publish(first, revised(first, 2, "1050.00"));
    assertThat(events("large-revision")).as("+5 %").isEmpty();

    fixture.publish(revised(first, 3, "1200.00"));
    assertThat(states(events("large-revision")))
        .containsExactly("RAISED large-revision|KZ-BNS|KAZ|ARM|X 2402|2023-05");

    fixture.publish(revised(first, 4, "1000.00"));
    assertThat(states(events("large-revision")))
        .containsExactly("CLEARED large-revision|KZ-BNS|KAZ|ARM|X 2402|2023-05");
  }
}
