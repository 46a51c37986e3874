package io.tradewatch.streams.topology;

import static io.tradewatch.streams.topology.TopologyFixture.kz;
import static io.tradewatch.streams.topology.TopologyFixture.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.MirrorGap;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture's topology divides imports by a CIF/FOB factor of 1.10. */
class MirrorGapsTopologyTest {
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
  void putsEachExporterNextToItsImporterWithTheAdjustedGap() {
    fixture.publish(
        kz(Flow.X, 2023, null, "TOTAL", "1000.00"),
        kz(Flow.M, 2023, null, "TOTAL", "400.00"),
        trade("AM-ARMSTAT", "ARM", "KAZ", Flow.M, 2023, null, "TOTAL", "1320.00", 1),
        trade("AM-ARMSTAT", "ARM", "KAZ", Flow.X, 2023, null, "TOTAL", "1500.00", 1));

    Map<String, MirrorGap> gaps = fixture.finalValues(fixture.topics.mirrorGaps());

    MirrorGap kazToArm = gaps.get("KZ-BNS|KAZ|AM-ARMSTAT|ARM|TOTAL|2023");
    assertThat(kazToArm.getExportsUsd()).isEqualTo(new BigDecimal("1000.00"));
    assertThat(kazToArm.getImportsUsd()).isEqualTo(new BigDecimal("1320.00"));
    assertThat(kazToArm.getImportsFobUsd()).isEqualTo(new BigDecimal("1200.00"));
    assertThat(kazToArm.getGapUsd()).isEqualTo(new BigDecimal("200.00"));
    assertThat(kazToArm.getGapPct()).isEqualByComparingTo("20");
    assertThat(kazToArm.getComplete()).isTrue();

    MirrorGap armToKaz = gaps.get("AM-ARMSTAT|ARM|KZ-BNS|KAZ|TOTAL|2023");
    assertThat(armToKaz.getExportsUsd()).isEqualTo(new BigDecimal("1500.00"));
    assertThat(armToKaz.getImportsFobUsd()).isEqualTo(new BigDecimal("363.64"));
    assertThat(armToKaz.getGapPct().doubleValue()).isBetween(-75.76, -75.75);
  }

  @Test
  void aRevisionOnOneSideMovesTheGap() {
    var exports = kz(Flow.X, 2022, null, "TOTAL", "1000.00");
    fixture.publish(
        exports, trade("AM-ARMSTAT", "ARM", "KAZ", Flow.M, 2022, null, "TOTAL", "1100.00", 1));

    fixture.publish(TopologyFixture.revised(exports, 2, "500.00"));

    MirrorGap gap =
        fixture
            .finalValues(fixture.topics.mirrorGaps())
            .get("KZ-BNS|KAZ|AM-ARMSTAT|ARM|TOTAL|2022");
    assertThat(gap.getExportsUsd()).isEqualTo(new BigDecimal("500.00"));
    assertThat(gap.getGapUsd()).isEqualTo(new BigDecimal("500.00"));
  }

  @Test
  void noGapWithoutThePartnersSide() {
    fixture.publish(kz(Flow.X, 2023, null, "TOTAL", "1000.00"));

    assertThat(fixture.finalValues(fixture.topics.mirrorGaps())).isEmpty();
  }
}
