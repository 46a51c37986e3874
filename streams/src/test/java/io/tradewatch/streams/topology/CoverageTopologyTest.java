package io.tradewatch.streams.topology;

import static io.tradewatch.streams.topology.TopologyFixture.kz;
import static io.tradewatch.streams.topology.TopologyFixture.kzRelease;
import static io.tradewatch.streams.topology.TopologyFixture.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.avro.TradeRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures count only over released months; what is not released is null with the reason. */
class CoverageTopologyTest {
  private static final String TOTAL = "KZ-BNS|KAZ|ARM|TOTAL|";

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

  /** The final value of each monthly key written since the last call (the topic is read once). */
  private Map<String, TradeMonthly> monthly() {
    return fixture.finalValues(fixture.topics.tradeMonthly());
  }

  /** Every monthly record written for one key since the topic was last read, in order. */
  private List<TradeMonthly> writtenSinceLastRead(String key) {
    return fixture.output(fixture.topics.tradeMonthly()).readKeyValuesToList().stream()
        .filter(kv -> kv.key.equals(key))
        .map(kv -> kv.value)
        .toList();
  }

  private static List<TradeRecord> year(int year, int toMonth, Flow flow, String each) {
    List<TradeRecord> out = new ArrayList<>();
    for (int m = 1; m <= toMonth; m++) {
      out.add(kz(flow, year, m, "TOTAL", each));
    }
    return out;
  }

  @Test
  void givenAReleaseWhoseWritesACrashLost_whenItsCopyIsReadAgain_thenTheMonthIsReleasedAgain() {
    // Given January's figure and the copy of its release that follows this task's partition (of
    // two)
    fixture.publishUnreleased(kz(Flow.X, 2023, 1, "2402", "100.00"));
    Release january = kzRelease(2023, 1, 1, Flow.X);
    Release copy = Release.newBuilder(january).setPart(0).setParts(2).build();
    fixture.release(List.of(copy));
    assertThat(monthly().get(TOTAL + "2023-01").getExportsUsd())
        .isEqualTo(new BigDecimal("100.00"));
    // ... whose writes a crash under at-least-once lost before the copy's offset was committed
    fixture.driver.getKeyValueStore(TradeLedger.RELEASES).delete(january.getReleaseKey());
    fixture
        .driver
        .getKeyValueStore("release-latest-revisions")
        .delete(january.getReleaseKey() + "#0");

    // When the copy is read again, and February comes later in the same year
    fixture.release(List.of(copy));
    fixture.publish(kz(Flow.X, 2023, 2, "2402", "50.00"));

    // Then January is released, and counts in the year to date
    assertThat(monthly().get(TOTAL + "2023-02").getYtdExportsUsd())
        .isEqualTo(new BigDecimal("150.00"));
    assertThat(fixture.driver.getKeyValueStore(TradeLedger.RELEASES).get(january.getReleaseKey()))
        .isEqualTo(copy);
  }

  @Test
  void givenAReleaseChangingMoreYearsThanAnEmissionMayForward_whenEmitted_thenTheRestFollowLater(
      @TempDir Path slowDir) {
    // Given figures of three products in two years, their releases, and a ledger whose emissions
    // forward one year of a release each (the rest carried to the next)
    List<TradeRecord> figures = new ArrayList<>();
    for (int year = 2022; year <= 2023; year++) {
      for (String hs : List.of("2402", "7202", "0806")) {
        figures.add(kz(Flow.X, year, 1, hs, "100.00"));
        figures.add(kz(Flow.X, year, 2, hs, "10.00"));
      }
    }
    try (TopologyFixture slow = new TopologyFixture(slowDir, java.time.Duration.ZERO)) {
      TestOutputTopic<String, TradeMonthly> slowMonthly = slow.output(slow.topics.tradeMonthly());
      // When the figures are published, released month by month, with no interval to spare
      slow.publish(figures);

      // Then the releases whose years were not all forwarded yet are still pending ...
      assertThat(slow.driver.getKeyValueStore(TradeLedger.PENDING_RELEASES).approximateNumEntries())
          .isPositive();

      // ... while a figure read meanwhile is written at the next emission, not after them
      slow.publishUnreleased(kz(Flow.M, 2024, 3, "0806", "5.00"));
      Map<String, TradeMonthly> carried = new HashMap<>(slowMonthly.readKeyValuesToMap());
      assertThat(carried).containsKey(TOTAL + "2024-03");
      assertThat(slow.driver.getKeyValueStore(TradeLedger.PENDING_RELEASES).approximateNumEntries())
          .isPositive();

      // ... and once enough emissions have passed, every month is as a ledger without a limit
      // writes it
      for (int tick = 0; tick < 40; tick++) {
        slow.driver.advanceWallClockTime(TopologyFixture.EMIT_INTERVAL);
      }
      fixture.publish(figures);
      fixture.publishUnreleased(kz(Flow.M, 2024, 3, "0806", "5.00"));
      Map<String, TradeMonthly> expected = monthly();
      carried.putAll(slowMonthly.readKeyValuesToMap());
      assertThat(carried).isEqualTo(expected);
      assertThat(expected.get(TOTAL + "2023-02").getYtdExportsUsd())
          .isEqualTo(new BigDecimal("330.00"));
      assertThat(slow.driver.getKeyValueStore(TradeLedger.PENDING_RELEASES).approximateNumEntries())
          .isZero();
    }
  }

  @Test
  void givenFiguresWithoutTheirRelease_whenLoaded_thenTheMonthIsNullUntilTheReleaseArrives() {
    fixture.publishUnreleased(
        kz(Flow.X, 2023, 1, "2402", "100.00"), kz(Flow.M, 2023, 1, "0806", "40.00"));

    TradeMonthly loading = monthly().get(TOTAL + "2023-01");
    assertThat(loading.getExportsUsd()).isNull();
    assertThat(loading.getTurnoverUsd()).isNull();
    assertThat(loading.getNullReasons())
        .containsEntry("exportsUsd", "exports of 2023-01 not released")
        .containsEntry("importsUsd", "imports of 2023-01 not released");

    fixture.release(List.of(kzRelease(2023, 1, 1, Flow.X, Flow.M)));

    TradeMonthly released = monthly().get(TOTAL + "2023-01");
    assertThat(released.getExportsUsd()).isEqualTo(new BigDecimal("100.00"));
    assertThat(released.getTurnoverUsd()).isEqualTo(new BigDecimal("140.00"));
    assertThat(released.getNullReasons()).doesNotContainKeys("exportsUsd", "turnoverUsd");
    assertThat(released.getExportsMonthsCovered()).isEqualTo(1);
  }

  @Test
  void givenFiguresWhoseReleaseFollows_whenLoaded_thenEachMonthIsWrittenOnceReleased() {
    // Given a file's figures for February, each saying its release follows, of series whose
    // January is out (a series' first figure of a year also makes its earlier months figures, which
    // no release of February recomputes, so it does not wait)
    fixture.publish(
        kz(Flow.X, 2023, 1, "2402", "20.00"),
        kz(Flow.X, 2023, 1, "0806", "30.00"),
        kz(Flow.M, 2023, 1, "0806", "10.00"));
    monthly();
    List<TradeRecord> february =
        List.of(
            kz(Flow.X, 2023, 2, "2402", "100.00"),
            kz(Flow.X, 2023, 2, "0806", "30.00"),
            kz(Flow.M, 2023, 2, "0806", "40.00"));
    for (TradeRecord r : february) {
      fixture.pipe(r, true);
      fixture.driver.advanceWallClockTime(TopologyFixture.EMIT_INTERVAL);
    }

    // When they are loaded, emissions pass, and then their release arrives
    List<String> beforeRelease =
        fixture.output(fixture.topics.tradeMonthly()).readKeyValuesToList().stream()
            .map(kv -> kv.key)
            .toList();
    fixture.release(List.of(kzRelease(2023, 2, 1, Flow.X, Flow.M)));

    // Then nothing was written while they waited, and each month of theirs once, released
    assertThat(beforeRelease).isEmpty();
    List<TradeMonthly> written = writtenSinceLastRead(TOTAL + "2023-02");
    assertThat(written).hasSize(1);
    assertThat(written.get(0).getExportsUsd()).isEqualTo(new BigDecimal("130.00"));
    assertThat(written.get(0).getImportsUsd()).isEqualTo(new BigDecimal("40.00"));
    assertThat(written.get(0).getYtdExportsUsd()).isEqualTo(new BigDecimal("180.00"));
    assertThat(written.get(0).getYtdImportsUsd()).isEqualTo(new BigDecimal("50.00"));
  }

  @Test
  void givenFiguresWhoseReleaseNeverComes_whenTheWaitRunsOut_thenTheyAreShownNotReleased() {
    // Given a January released and February's figures promising a release that never comes
    fixture.publish(kz(Flow.X, 2023, 1, "TOTAL", "50.00"));
    monthly();
    fixture.pipe(kz(Flow.X, 2023, 2, "TOTAL", "70.00"), true);

    // When almost the whole wait has passed, and then all of it
    fixture.driver.advanceWallClockTime(
        AwaitedReleases.WAIT.minus(TopologyFixture.EMIT_INTERVAL.multipliedBy(2)));
    Map<String, TradeMonthly> waiting = monthly();
    fixture.driver.advanceWallClockTime(TopologyFixture.EMIT_INTERVAL.multipliedBy(3));

    // Then February is not hidden for good: it is shown, not released, once the wait is over
    assertThat(waiting).doesNotContainKey(TOTAL + "2023-02");
    TradeMonthly february = monthly().get(TOTAL + "2023-02");
    assertThat(february).isNotNull();
    assertThat(february.getExportsUsd()).isNull();
    assertThat(february.getNullReasons())
        .containsEntry("exportsUsd", "exports of 2023-02 not released");
  }

  @Test
  void givenAReleasedMonth_whenALateFigureComesWithTheSameReleaseAgain_thenItIsWrittenAtOnce() {
    // Given February released, as a file publishes it
    fixture.publish(kz(Flow.X, 2023, 1, "TOTAL", "50.00"));
    fixture.publish(kz(Flow.X, 2023, 2, "0806", "30.00"));
    assertThat(monthly().get(TOTAL + "2023-02").getExportsUsd()).isEqualTo(new BigDecimal("30.00"));

    // When a second file brings a late figure of February, and its release is the first one again
    // (same flows, partners and revision: dropped as a repeat before it reaches the ledgers)
    fixture.publish(kz(Flow.X, 2023, 2, "2402", "70.00"));

    // Then February shows it at the next emission, without waiting for a release that cannot count
    TradeMonthly february = monthly().get(TOTAL + "2023-02");
    assertThat(february).isNotNull();
    assertThat(february.getExportsUsd()).isEqualTo(new BigDecimal("100.00"));
  }

  @Test
  void givenTwoMonthsWaitingForTheirReleases_whenTheFirstCounts_thenTheSecondWaitsForItsOwn() {
    // Given January released, then the figures of February and of March, each waiting for its
    // release (the releases come after both, as when the ledger reads one partition's figures
    // ahead of another partition's copy of a release)
    fixture.publish(kz(Flow.X, 2023, 1, "TOTAL", "50.00"));
    monthly();
    fixture.pipe(kz(Flow.X, 2023, 2, "TOTAL", "60.00"), true);
    fixture.pipe(kz(Flow.X, 2023, 3, "TOTAL", "70.00"), true);
    fixture.driver.advanceWallClockTime(TopologyFixture.EMIT_INTERVAL);

    // When February's release counts: its emission recomputes February and the months after it
    fixture.release(List.of(kzRelease(2023, 2, 1, Flow.X)));
    Map<String, TradeMonthly> afterFebruary = monthly();

    // Then February is written, released, and March, still waiting, is not written unreleased ...
    assertThat(afterFebruary.get(TOTAL + "2023-02").getExportsUsd())
        .isEqualTo(new BigDecimal("60.00"));
    assertThat(afterFebruary).doesNotContainKey(TOTAL + "2023-03");
    // ... but once, released, when its own release counts
    fixture.release(List.of(kzRelease(2023, 3, 1, Flow.X)));
    List<TradeMonthly> march = writtenSinceLastRead(TOTAL + "2023-03");
    assertThat(march).hasSize(1);
    assertThat(march.get(0).getExportsUsd()).isEqualTo(new BigDecimal("70.00"));
    assertThat(march.get(0).getYtdExportsUsd()).isEqualTo(new BigDecimal("180.00"));
  }

  @Test
  void givenTwoExtractsOfOneMonth_whenOnlyOneIsReleased_thenTheOtherPartnersFiguresStillWait() {
    // Given February figures of two partners from two extracts, each promising its release
    fixture.publish(
        kz(Flow.X, 2023, 1, "TOTAL", "50.00"),
        trade("KZ-BNS", "KAZ", "TJK", Flow.X, 2023, 1, "TOTAL", "60.00", 1));
    monthly();
    fixture.pipe(kz(Flow.X, 2023, 2, "TOTAL", "70.00"), true);
    fixture.pipe(trade("KZ-BNS", "KAZ", "TJK", Flow.X, 2023, 2, "TOTAL", "80.00", 1), true);

    // When only the Armenian extract's release arrives
    fixture.release(List.of(kzRelease(2023, 2, 1, Flow.X)));
    Map<String, TradeMonthly> afterOne = monthly();

    // Then Armenia's February is written, released; Tajikistan's waits for its own release ...
    assertThat(afterOne.get(TOTAL + "2023-02").getExportsUsd()).isEqualTo(new BigDecimal("70.00"));
    assertThat(afterOne).doesNotContainKey("KZ-BNS|KAZ|TJK|TOTAL|2023-02");
    // ... and is shown, not released, when the wait for it runs out
    fixture.driver.advanceWallClockTime(AwaitedReleases.WAIT);
    TradeMonthly tajik = monthly().get("KZ-BNS|KAZ|TJK|TOTAL|2023-02");
    assertThat(tajik.getExportsUsd()).isNull();
  }

  @Test
  void givenAReleaseReadBeforeItsFigures_whenTheyFollow_thenTheMonthCountsAfterTheLastOneOnly() {
    // The producer wrote two figures (offsets 0 and 1 of the figures topic), then the release;
    // this task happens to read the release first.
    fixture.release(
        List.of(
            Release.newBuilder(kzRelease(2023, 1, 1, Flow.X, Flow.M)).setAfterOffset(1).build()));
    fixture.publishUnreleased(kz(Flow.X, 2023, 1, "2402", "100.00"));

    TradeMonthly halfLoaded = monthly().get(TOTAL + "2023-01");
    assertThat(halfLoaded.getExportsUsd()).as("the release waits for offset 1").isNull();

    fixture.publishUnreleased(kz(Flow.M, 2023, 1, "0806", "40.00"));

    TradeMonthly loaded = monthly().get(TOTAL + "2023-01");
    assertThat(loaded.getExportsUsd()).isEqualTo(new BigDecimal("100.00"));
    assertThat(loaded.getTurnoverUsd()).isEqualTo(new BigDecimal("140.00"));
  }

  @Test
  void givenTwoReleasesWaitingForDifferentFigures_whenTheFirstArrives_thenOnlyItsMonthCounts() {
    fixture.release(
        List.of(
            Release.newBuilder(kzRelease(2023, 2, 1, Flow.X)).setAfterOffset(1).build(),
            Release.newBuilder(kzRelease(2023, 1, 1, Flow.X)).setAfterOffset(0).build()));

    fixture.publishUnreleased(kz(Flow.X, 2023, 1, "TOTAL", "10.00"));
    Map<String, TradeMonthly> afterJanuary = monthly();
    fixture.publishUnreleased(kz(Flow.X, 2023, 2, "TOTAL", "20.00"));
    Map<String, TradeMonthly> afterFebruary = monthly();

    assertThat(afterJanuary.get(TOTAL + "2023-01").getExportsUsd())
        .isEqualTo(new BigDecimal("10.00"));
    assertThat(afterJanuary.get(TOTAL + "2023-02")).as("no figure for February yet").isNull();
    assertThat(afterFebruary.get(TOTAL + "2023-02").getYtdExportsUsd())
        .isEqualTo(new BigDecimal("30.00"));
  }

  @Test
  void
      givenAReleaseInTwoCopies_whenOnlyTheOtherPartitionsCopyHasArrived_thenTheMonthIsNotReleased() {
    // Given figures read in this task (of partition 0) and a release written once per partition
    fixture.publishUnreleased(
        kz(Flow.X, 2023, 1, "2402", "100.00"), kz(Flow.M, 2023, 1, "0806", "40.00"));
    Release release = kzRelease(2023, 1, 1, Flow.X, Flow.M);

    // When the copy that follows partition 1's figures arrives here
    fixture.release(List.of(Release.newBuilder(release).setPart(1).setParts(2).build()));

    // Then it says nothing about this partition's figures: the month is not released here
    assertThat(monthly().get(TOTAL + "2023-01").getTurnoverUsd()).isNull();

    // When the copy that follows this partition's figures arrives
    fixture.release(List.of(Release.newBuilder(release).setPart(0).setParts(2).build()));

    // Then the month is released
    assertThat(monthly().get(TOTAL + "2023-01").getTurnoverUsd())
        .isEqualTo(new BigDecimal("140.00"));
  }

  @Test
  void givenAReleasedMonthWithoutAFigureOfAProduct_whenReleased_thenThatProductTradedNothing() {
    fixture.publish(
        kz(Flow.X, 2023, 1, "2402", "100.00"),
        kz(Flow.X, 2023, 2, "7202", "50.00"),
        kz(Flow.M, 2023, 1, "0806", "10.00"),
        kz(Flow.M, 2023, 2, "0806", "10.00"));

    TradeMonthly tobaccoFeb = monthly().get("KZ-BNS|KAZ|ARM|24|2023-02");

    assertThat(tobaccoFeb.getExportsUsd())
        .as("February was released with other products: tobacco exports were zero")
        .isEqualTo(new BigDecimal("0.00"));
    assertThat(tobaccoFeb.getYtdExportsUsd()).isEqualTo(new BigDecimal("100.00"));
  }

  @Test
  void givenAnExtractForOnePartner_whenReleased_thenOtherPartnersOfTheReporterAreNotTouched() {
    fixture.publish(trade("KZ-BNS", "KAZ", "TJK", Flow.X, 2023, 1, "TOTAL", "70.00", 1));
    fixture.publish(kz(Flow.X, 2023, 2, "TOTAL", "5.00"));

    TradeMonthly tajikFeb = monthly().get("KZ-BNS|KAZ|TJK|TOTAL|2023-02");

    assertThat(tajikFeb)
        .as("the Armenian extract says nothing about Tajikistan in February: no figure at all")
        .isNull();
  }

  @Test
  void givenOnlyJanuaryToJuneOfTwoYears_whenT12m_thenNullNamingTheFirstMissingMonth() {
    List<TradeRecord> h1 = new ArrayList<>(year(2021, 6, Flow.X, "100.00"));
    h1.addAll(year(2021, 6, Flow.M, "10.00"));
    h1.addAll(year(2022, 6, Flow.X, "100.00"));
    h1.addAll(year(2022, 6, Flow.M, "10.00"));
    fixture.publish(h1);

    Map<String, TradeMonthly> monthly = monthly();
    TradeMonthly june = monthly.get(TOTAL + "2022-06");
    TradeMonthly january = monthly.get(TOTAL + "2022-01");

    assertThat(june.getYtdTurnoverUsd()).isEqualTo(new BigDecimal("660.00"));
    assertThat(june.getT12mTurnoverUsd()).as("not H1 2022 passed off as 12 months").isNull();
    assertThat(june.getNullReasons())
        .containsEntry("t12mExportsUsd", "exports of 2021-07 not released");
    assertThat(january.getT12mTurnoverUsd()).isNull();
    assertThat(january.getNullReasons())
        .containsEntry("t12mExportsUsd", "exports of 2021-07 not released");
    assertThat(june.getYtdTurnoverYoyPct()).isEqualByComparingTo("0");
  }

  @Test
  void givenImportsReleasedOnlyToJune_whenAnnual_thenImportsIncompleteAndTheirGrowthNull() {
    List<TradeRecord> records = new ArrayList<>();
    records.addAll(year(2022, 12, Flow.X, "100.00"));
    records.addAll(year(2022, 12, Flow.M, "100.00"));
    records.addAll(year(2023, 12, Flow.X, "110.00"));
    records.addAll(year(2023, 6, Flow.M, "100.00"));
    fixture.publish(records);

    TradeAnnual y2023 = fixture.finalValues(fixture.topics.tradeAnnual()).get(TOTAL + "2023");
    TradeMonthly july = monthly().get(TOTAL + "2023-07");

    assertThat(y2023.getExportsComplete()).isTrue();
    assertThat(y2023.getImportsComplete()).isFalse();
    assertThat(y2023.getImportsMonthsCovered()).isEqualTo(6);
    assertThat(y2023.getExportsYoyPct()).isEqualByComparingTo("10");
    assertThat(y2023.getImportsYoyPct()).as("not -50 %").isNull();
    assertThat(y2023.getTurnoverYoyPct()).isNull();
    assertThat(y2023.getNullReasons())
        .containsEntry(
            "importsYoyPct", "imports of 2023 released for 6 of 12 months (first missing 2023-07)");
    assertThat(july.getExportsUsd()).isEqualTo(new BigDecimal("110.00"));
    assertThat(july.getImportsUsd()).as("unreleased, not 0.00").isNull();
  }

  @Test
  void givenAGrowthTooLargeToRepresent_whenComputed_thenNullWithTheReasonAndOtherSeriesGoOn() {
    fixture.publish(
        trade("P15-HUGE", "KAZ", "UZB", Flow.X, 2022, 1, "27", "1.00", 1),
        trade("P15-HUGE", "KAZ", "UZB", Flow.M, 2022, 1, "27", "1.00", 1));
    fixture.publish(
        trade("P15-HUGE", "KAZ", "UZB", Flow.X, 2023, 1, "27", "200000000.00", 1),
        trade("P15-HUGE", "KAZ", "UZB", Flow.M, 2023, 1, "27", "1.00", 1));
    fixture.publish(kz(Flow.X, 2023, 1, "TOTAL", "5.00"), kz(Flow.M, 2023, 1, "TOTAL", "5.00"));

    Map<String, TradeMonthly> monthly = monthly();
    TradeMonthly huge = monthly.get("P15-HUGE|KAZ|UZB|27|2023-01");

    assertThat(huge.getExportsUsd()).isEqualTo(new BigDecimal("200000000.00"));
    assertThat(huge.getExportsYoyPct()).isNull();
    assertThat(huge.getNullReasons().get("exportsYoyPct"))
        .isEqualTo("growth of 19999999900.0000 is beyond what can be represented (10^10)");
    assertThat(huge.getTurnoverYoyPct()).isEqualByComparingTo("9999999950");
    assertThat(monthly.get(TOTAL + "2023-01").getTurnoverUsd()).isEqualTo(new BigDecimal("10.00"));
  }

  @Test
  void givenTwoYearsLoadedInEitherOrder_whenGrowthIsWithinThresholds_thenTheAlertsAreTheSame() {
    List<TradeRecord> y2021 = new ArrayList<>(year(2021, 12, Flow.X, "100.00"));
    y2021.addAll(year(2021, 12, Flow.M, "100.00"));
    List<TradeRecord> y2022 = new ArrayList<>(year(2022, 12, Flow.X, "113.70"));
    y2022.addAll(year(2022, 12, Flow.M, "113.70"));

    fixture.publish(y2021);
    fixture.publish(y2022);
    List<String> forwards = alertEvents(fixture);

    try (TopologyFixture backwards = new TopologyFixture(stateDir.resolve("backwards"))) {
      backwards.publish(y2022);
      backwards.publish(y2021);
      assertThat(alertEvents(backwards)).isEqualTo(forwards);
    }
    assertThat(forwards).as("+13.7 % is inside every threshold").isEmpty();
  }

  @Test
  void
      givenAReleasedMonth_whenAnAnnualAndThenAMonthlyFigureOfTheYearFollow_thenTheMonthIsAFigure() {
    // Given February released for Armenia before any figure of the year (an extract of another
    // chapter released it)
    List<Release> february = List.of(kzRelease(2023, 2, 1, Flow.X));
    // ... an annual figure of one chapter, then, in a later emission, May of another chapter (late
    // figures: their months were released with other files)
    TradeRecord annual = kz(Flow.X, 2023, null, "2402", "1200.00");
    TradeRecord may = kz(Flow.X, 2023, 5, "0806", "50.00");

    // When they arrive in that order, and in the other
    fixture.release(february);
    fixture.publishUnreleased(annual, may);
    Map<String, TradeMonthly> annualFirst = monthly();
    try (TopologyFixture other = new TopologyFixture(stateDir.resolve("monthly-first"))) {
      other.release(february);
      other.publishUnreleased(may, annual);
      Map<String, TradeMonthly> mayFirst = other.finalValues(other.topics.tradeMonthly());

      // Then in both the released February is a figure of the year (nothing traded: zero), and
      // both orders give the same months
      assertThat(annualFirst).containsKey(TOTAL + "2023-02");
      assertThat(annualFirst.get(TOTAL + "2023-02").getExportsUsd()).isEqualByComparingTo("0");
      assertThat(annualFirst).isEqualTo(mayFirst);
    }
  }

  private static List<String> alertEvents(TopologyFixture f) {
    TestOutputTopic<String, Alert> alerts = f.output(f.topics.alerts());
    return alerts.readValuesToList().stream()
        .map(a -> a.getState() + " " + a.getAlertId())
        .toList();
  }
}
