package io.tradewatch.streams.topology;

import static io.tradewatch.streams.topology.TopologyFixture.kz;
import static io.tradewatch.streams.topology.TopologyFixture.revised;
import static io.tradewatch.streams.topology.TopologyFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.TargetProgress;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.Serdes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revisions and late data end exact in every aggregate: a run with revisions (up, down, a repeat of
 * an old one) or with a year arriving last equals a run that only ever saw the final figures in
 * order.
 */
class RevisionsAndLateDataTopologyTest {
  static {
    Serdes.trustGeneratedClasses();
  }

  @TempDir Path stateDir;

  private record Outputs(
      Map<String, TradeMonthly> monthly,
      Map<String, TradeAnnual> annual,
      Map<String, TargetProgress> targets) {}

  private Outputs run(String name, List<TradeRecord> records) {
    try (TopologyFixture fixture = new TopologyFixture(stateDir.resolve(name))) {
      fixture.publish(target("100000.00", 2019, 2025, "24"));
      fixture.publish(records);
      return new Outputs(
          fixture.finalValues(fixture.topics.tradeMonthly()),
          fixture.finalValues(fixture.topics.tradeAnnual()),
          fixture.finalValues(fixture.topics.targetProgress()));
    }
  }

  private static List<TradeRecord> years(int from, int to, String julyExports) {
    List<TradeRecord> out = new ArrayList<>();
    for (int year = from; year <= to; year++) {
      for (int month = 1; month <= 12; month++) {
        String x = year == 2019 && month == 7 ? julyExports : (100 + year - 2000 + month) + ".00";
        out.add(kz(Flow.X, year, month, "2402", x));
        out.add(kz(Flow.M, year, month, "0806", (50 + month) + ".50"));
      }
    }
    return out;
  }

  @Test
  void revisedUpDownAndRepeatedEndsAsIfOnlyTheLatestWasPublished() {
    Outputs expected = run("final-only", years(2018, 2021, "900.00"));

    List<TradeRecord> withRevisions = years(2018, 2021, "500.00");
    TradeRecord july =
        withRevisions.stream()
            .filter(r -> r.getYear() == 2019 && r.getMonth() == 7 && r.getFlow() == Flow.X)
            .findFirst()
            .orElseThrow();
    withRevisions.add(revised(july, 2, "1500.00"));
    withRevisions.add(revised(july, 3, "900.00"));
    withRevisions.add(revised(july, 2, "1500.00"));
    withRevisions.add(july);
    Outputs actual = run("revised", withRevisions);

    assertThat(actual.monthly()).isEqualTo(expected.monthly());
    assertThat(actual.annual()).isEqualTo(expected.annual());
    assertThat(actual.targets()).isEqualTo(expected.targets());
    TradeMonthly dec2019 = actual.monthly().get("KZ-BNS|KAZ|ARM|TOTAL|2019-12");
    assertThat(dec2019.getYtdExportsUsd())
        .isEqualTo(expected.annual().get("KZ-BNS|KAZ|ARM|TOTAL|2019").getExportsUsd());
  }

  @Test
  void aYearPublishedLastUpdatesEveryFigureThatDependsOnIt() {
    Outputs expected = run("in-order", years(2018, 2024, "900.00"));

    List<TradeRecord> late = new ArrayList<>(years(2018, 2018, "900.00"));
    late.addAll(years(2020, 2024, "900.00"));
    late.addAll(years(2019, 2019, "900.00"));
    Outputs actual = run("late-2019", late);

    assertThat(actual.monthly()).isEqualTo(expected.monthly());
    assertThat(actual.annual()).isEqualTo(expected.annual());
    assertThat(actual.targets()).isEqualTo(expected.targets());
    assertThat(actual.annual().get("KZ-BNS|KAZ|ARM|TOTAL|2020").getTurnoverYoyPct())
        .as("2020 YoY compares with the late 2019")
        .isNotNull();
    assertThat(actual.monthly().get("KZ-BNS|KAZ|ARM|TOTAL|2019-06").getT12mTurnoverUsd())
        .as("a 2019 trailing-12-month window")
        .isNotNull();
    assertThat(actual.monthly().get("KZ-BNS|KAZ|ARM|TOTAL|2020-03").getT12mTurnoverYoyPct())
        .isEqualTo(expected.monthly().get("KZ-BNS|KAZ|ARM|TOTAL|2020-03").getT12mTurnoverYoyPct())
        .isNotNull();
  }
}
