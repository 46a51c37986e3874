package io.tradewatch.streams.topology;

import static io.tradewatch.streams.topology.TopologyFixture.fdi;
import static io.tradewatch.streams.topology.TopologyFixture.kz;
import static io.tradewatch.streams.topology.TopologyFixture.target;
import static io.tradewatch.streams.topology.TopologyFixture.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.FdiAnnual;
import io.tradewatch.avro.FdiDirection;
import io.tradewatch.avro.Flow;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TargetProgress;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetAndFdiTopologyTest {
  @TempDir Path stateDir;
  private TopologyFixture fixture;

  @BeforeEach
  void start() {
    fixture = new TopologyFixture(stateDir);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void targetCountsOnlyItsProductsAndFlowWhicheverArrivesFirst() {
    fixture.publish(kz(Flow.X, 2023, 1, "7202", "3000000.00"));
    fixture.publish(target("10000000.00", 2023, 2025, "72", "2710"));
    fixture.publish(
        kz(Flow.X, 2023, 2, "2710", "1000000.00"),
        kz(Flow.X, 2023, 2, "2402", "9000000.00"),
        kz(Flow.M, 2023, 2, "7202", "9000000.00"));

    TargetProgress progress =
        fixture.finalValues(fixture.topics.targetProgress()).get("KZ-ARM-TEST|2023");

    assertThat(progress.getAchievedUsd()).isEqualTo(new BigDecimal("4000000.00"));
    assertThat(progress.getProgressPct()).isEqualByComparingTo("40");
    assertThat(progress.getMonthsReported()).isEqualTo(2);
    assertThat(progress.getScheduleUsd()).isEqualTo(new BigDecimal("4000000.00"));
    assertThat(progress.getRequiredGrowthPct()).as("4 M to 10 M in two years").isNotNull();
    assertThat(progress.getRequiredGrowthPct().doubleValue()).isBetween(58.11, 58.12);
  }

  @Test
  void targetProgressIsTheSameWhetherTheTargetArrivesBeforeOrAfterTheTrade() {
    var trade =
        new io.tradewatch.avro.TradeRecord[] {
          kz(Flow.X, 2022, 5, "2402", "500000.00"),
          kz(Flow.X, 2023, 1, "7202", "3000000.00"),
          kz(Flow.X, 2024, 3, "2402", "700000.00"),
          kz(Flow.M, 2021, 3, "7202", "900000.00")
        };
    fixture.publish(target("10000000.00", 2023, 2025, "72"));
    fixture.publish(trade);
    Map<String, TargetProgress> targetFirst = fixture.finalValues(fixture.topics.targetProgress());
    fixture.close();

    fixture = new TopologyFixture(stateDir.resolve("trade-first"));
    fixture.publish(trade);
    fixture.publish(target("10000000.00", 2023, 2025, "72"));
    Map<String, TargetProgress> tradeFirst = fixture.finalValues(fixture.topics.targetProgress());

    assertThat(targetFirst).isEqualTo(tradeFirst);
    assertThat(tradeFirst)
        .as("every year with exports, even one without the target's products")
        .containsOnlyKeys("KZ-ARM-TEST|2022", "KZ-ARM-TEST|2023", "KZ-ARM-TEST|2024");
  }

  @Test
  void aTargetOnReExportsCountsTheLatestRevisionOfReExportsOnly() {
    fixture.publish(
        TargetDefinition.newBuilder(target("2000000.00", 2023, null, "72"))
            .setFlow(Flow.RX)
            .build());

    fixture.publish(
        trade("KZ-BNS", "KAZ", "ARM", Flow.RX, 2023, 3, "7202", "400000.00", 1),
        trade("KZ-BNS", "KAZ", "ARM", Flow.X, 2023, 3, "7202", "9000000.00", 1),
        trade("KZ-BNS", "KAZ", "ARM", Flow.RX, 2023, 3, "7202", "500000.00", 2),
        trade("KZ-BNS", "KAZ", "ARM", Flow.RX, 2023, 4, "7203", "100000.00", 1));

    TargetProgress progress =
        fixture.finalValues(fixture.topics.targetProgress()).get("KZ-ARM-TEST|2023");
    assertThat(progress.getAchievedUsd())
        .as("March's revised re-exports and April's; exports do not count")
        .isEqualTo(new BigDecimal("600000.00"));
    assertThat(progress.getMonthsReported()).isEqualTo(2);
    assertThat(progress.getProgressPct()).isEqualByComparingTo("30");
  }

  @Test
  void fdiCumulativeSumsAnnualRecordsAndCarriesForward() {
    fixture.publish(fdi(FdiDirection.INWARD, 2022, null, "3000000.00"));
    fixture.publish(fdi(FdiDirection.INWARD, 2023, null, "6000000.00"));
    fixture.publish(fdi(FdiDirection.INWARD, 2021, null, "1000000.00"));

    Map<String, FdiAnnual> annual = fixture.finalValues(fixture.topics.fdiAnnual());

    FdiAnnual y2023 = annual.get("KZ-NBK|KAZ|ARM|INWARD|GROSS_INFLOW|2023");
    assertThat(y2023.getValueUsd()).isEqualTo(new BigDecimal("6000000.00"));
    assertThat(y2023.getCumulativeUsd()).isEqualTo(new BigDecimal("10000000.00"));
    assertThat(y2023.getFirstYear()).isEqualTo(2021);
    assertThat(y2023.getYoyPct()).isEqualByComparingTo("100");
  }

  @Test
  void fdiAnnualRecordWinsOverItsQuarters() {
    fixture.publish(fdi(FdiDirection.OUTWARD, 2023, 1, "100.00"));
    fixture.publish(fdi(FdiDirection.OUTWARD, 2023, 2, "200.00"));
    fixture.publish(fdi(FdiDirection.OUTWARD, 2023, null, "1000.00"));

    FdiAnnual y2023 =
        fixture
            .finalValues(fixture.topics.fdiAnnual())
            .get("KZ-NBK|KAZ|ARM|OUTWARD|GROSS_INFLOW|2023");

    assertThat(y2023.getValueUsd()).isEqualTo(new BigDecimal("1000.00"));
  }
}
