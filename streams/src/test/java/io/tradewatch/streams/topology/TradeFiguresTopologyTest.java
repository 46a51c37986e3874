package io.tradewatch.streams.topology;

import static io.tradewatch.streams.topology.TopologyFixture.kz;
import static io.tradewatch.streams.topology.TopologyFixture.revised;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.AnnualBasis;
import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Revision;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.DeadLetterHeaders;
import io.tradewatch.schemas.Keys;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradeFiguresTopologyTest {
  private static final String TOTAL_2023_01 = "KZ-BNS|KAZ|ARM|TOTAL|2023-01";

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
  void monthlyFiguresAddUpHsCodesPerChapterAndInTotal() {
    fixture.publish(
        kz(Flow.X, 2023, 1, "2402", "1000.00"),
        kz(Flow.X, 2023, 1, "2403", "500.50"),
        kz(Flow.X, 2023, 1, "7202", "200.00"),
        kz(Flow.M, 2023, 1, "0806", "300.25"));

    Map<String, TradeMonthly> monthly = fixture.finalValues(fixture.topics.tradeMonthly());

    TradeMonthly total = monthly.get(TOTAL_2023_01);
    assertThat(total.getExportsUsd()).isEqualTo(new BigDecimal("1700.50"));
    assertThat(total.getImportsUsd()).isEqualTo(new BigDecimal("300.25"));
    assertThat(total.getTurnoverUsd()).isEqualTo(new BigDecimal("2000.75"));
    assertThat(total.getBalanceUsd()).isEqualTo(new BigDecimal("1400.25"));
    assertThat(monthly.get("KZ-BNS|KAZ|ARM|24|2023-01").getExportsUsd())
        .isEqualTo(new BigDecimal("1500.50"));
    assertThat(monthly.get("KZ-BNS|KAZ|ARM|08|2023-01").getImportsUsd())
        .isEqualTo(new BigDecimal("300.25"));
  }

  @Test
  void higherRevisionReplacesTheValueAndEmitsARevisionRecord() {
    TradeRecord first = kz(Flow.X, 2023, 1, "2402", "1000.00");
    fixture.publish(first, kz(Flow.X, 2023, 1, "7202", "200.00"));

    fixture.publish(revised(first, 2, "1250.00"));

    assertThat(
            fixture.finalValues(fixture.topics.tradeMonthly()).get(TOTAL_2023_01).getExportsUsd())
        .isEqualTo(new BigDecimal("1450.00"));
    Revision revision = fixture.finalValues(fixture.topics.revisions()).get(first.getRecordKey());
    assertThat(revision.getPreviousValueUsd()).isEqualTo(new BigDecimal("1000.00"));
    assertThat(revision.getValueUsd()).isEqualTo(new BigDecimal("1250.00"));
    assertThat(revision.getDeltaUsd()).isEqualTo(new BigDecimal("250.00"));
    assertThat(revision.getRevision()).isEqualTo(2);

    // When it is revised once more
    fixture.publish(revised(first, 3, "1300.00"));

    // Then the revision record still measures from the first publication
    Revision third = fixture.finalValues(fixture.topics.revisions()).get(first.getRecordKey());
    assertThat(third.getFirstRevision()).isEqualTo(1);
    assertThat(third.getFirstValueUsd()).isEqualTo(new BigDecimal("1000.00"));
    assertThat(third.getPreviousRevision()).isEqualTo(2);
    assertThat(third.getPreviousValueUsd()).isEqualTo(new BigDecimal("1250.00"));
    assertThat(third.getDeltaFromFirstUsd()).isEqualTo(new BigDecimal("300.00"));
  }

  @Test
  void repeatedRevisionChangesNothingAndOlderRevisionGoesToDeadLetters() {
    TradeRecord first = kz(Flow.X, 2023, 1, "2402", "1000.00");
    TradeRecord second = revised(first, 2, "1250.00");
    fixture.publish(first, second);
    var monthlyTopic = fixture.output(fixture.topics.tradeMonthly());
    monthlyTopic.readRecordsToList();

    fixture.publish(second, first);

    assertThat(monthlyTopic.isEmpty()).as("no new monthly figures").isTrue();
    List<TestRecord<byte[], byte[]>> dead =
        fixture.output(fixture.topics.deadLetter()).readRecordsToList();
    assertThat(dead).hasSize(1);
    assertThat(header(dead.get(0), DeadLetterHeaders.MESSAGE))
        .contains("revision 1")
        .contains("older than the applied revision 2");
    // ... named by where it was read (the fourth figure on the input) and its own message key
    assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_TOPIC))
        .isEqualTo(fixture.topics.tradeRecords().name());
    assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("3");
    assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8))
        .isEqualTo(Keys.tradeMessageKey(first));
  }

  @Test
  void givenFiguresPublishedAnHourAgo_whenReadOnePerInterval_thenOutputsWaitForTheInputToGoQuiet() {
    long anHourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
    var monthly = fixture.output(fixture.topics.tradeMonthly());
    // Given a replay whose first figure has been emitted
    fixture.pipePublishedAt(kz(Flow.X, 2023, 1, "TOTAL", "10.00"), anHourAgo);
    fixture.driver.advanceWallClockTime(TopologyFixture.EMIT_INTERVAL);
    assertThat(monthly.readKeyValuesToMap()).containsKey(TOTAL_2023_01);

    // When the next figure of the backlog is read in the next interval
    fixture.pipePublishedAt(kz(Flow.X, 2023, 2, "TOTAL", "20.00"), anHourAgo);
    fixture.driver.advanceWallClockTime(TopologyFixture.EMIT_INTERVAL);

    // Then its month waits, folding with the backlog's next figures ...
    assertThat(monthly.readKeyValuesToMap()).doesNotContainKey("KZ-BNS|KAZ|ARM|TOTAL|2023-02");

    // ... until an interval passes in which nothing is read
    fixture.driver.advanceWallClockTime(TopologyFixture.EMIT_INTERVAL);
    assertThat(monthly.readKeyValuesToMap()).containsKey("KZ-BNS|KAZ|ARM|TOTAL|2023-02");
  }

  @Test
  void
      givenAFigureKeyedByItsSeries_whenRead_thenItIsDeadLetteredNamingItsPairKeyAndCountsNowhere() {
    // Given a figure keyed as the producers did before 2026-12-07 (source|reporter|partner|chapter)
    TradeRecord figure = kz(Flow.X, 2023, 1, "2402", "1000.00");
    TradeRecord keyedByPair = kz(Flow.X, 2023, 1, "7202", "200.00");

    // When both are published, one under the old key, and their month is released
    fixture.pipe("KZ-BNS|KAZ|ARM|24", figure, true);
    fixture.publish(keyedByPair);

    // Then the one keyed by its series is rejected, with the key it should have had
    List<TestRecord<byte[], byte[]>> dead =
        fixture.output(fixture.topics.deadLetter()).readRecordsToList();
    assertThat(dead).hasSize(1);
    assertThat(header(dead.get(0), DeadLetterHeaders.MESSAGE))
        .isEqualTo("message key 'KZ-BNS|KAZ|ARM|24' is not the expected key 'ARM|KAZ'");
    assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
    // ... and the month holds only the figure keyed by its country pair
    Map<String, TradeMonthly> monthly = fixture.finalValues(fixture.topics.tradeMonthly());
    assertThat(monthly.get(TOTAL_2023_01).getExportsUsd()).isEqualTo(new BigDecimal("200.00"));
    assertThat(monthly).doesNotContainKey("KZ-BNS|KAZ|ARM|24|2023-01");
  }

  @Test
  void aFigureReadAgainAfterACrashRepairsTheLedgerWritesTheCrashLost() {
    // Given a booked and released figure
    TradeRecord january = kz(Flow.X, 2023, 1, "2402", "1000.00");
    fixture.publish(january);
    // ... whose series-year writes a crash under at-least-once lost, while its period cell (with
    // its revision) reached the changelog before the input offset was committed
    KeyValueStore<String, Object> ledgers = fixture.driver.getKeyValueStore(TradeLedger.LEDGERS);
    for (String group : List.of("24", "TOTAL")) {
      ledgers.delete(TradeLedger.ledgerKey(SeriesKey.of("KZ-BNS", "KAZ", "ARM", group), 2023));
    }

    // When the figure is read again from the last committed offset, and the year changes later
    fixture.publish(january);
    fixture.publish(kz(Flow.X, 2023, 2, "2402", "500.00"));

    // Then January still counts: the repeat was booked again, not dropped as already applied
    Map<String, TradeMonthly> monthly = fixture.finalValues(fixture.topics.tradeMonthly());
    assertThat(monthly.get(TOTAL_2023_01).getExportsUsd()).isEqualTo(new BigDecimal("1000.00"));
    assertThat(monthly.get("KZ-BNS|KAZ|ARM|TOTAL|2023-02").getYtdExportsUsd())
        .isEqualTo(new BigDecimal("1500.00"));
  }

  @Test
  void invalidRecordGoesToDeadLettersWithReasonAndGoodOnesStillCount() {
    TradeRecord unknownCountry =
        TopologyFixture.trade("KZ-BNS", "KAZ", "XXX", Flow.X, 2023, 1, "2402", "5.00", 1);

    fixture.publish(unknownCountry, kz(Flow.X, 2023, 1, "2402", "7.00"));

    List<TestRecord<byte[], byte[]>> dead =
        fixture.output(fixture.topics.deadLetter()).readRecordsToList();
    assertThat(dead).hasSize(1);
    assertThat(header(dead.get(0), DeadLetterHeaders.MESSAGE)).contains("partner").contains("XXX");
    assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_TOPIC))
        .isEqualTo("tradewatch.trade-records");
    assertThat(
            fixture.finalValues(fixture.topics.tradeMonthly()).get(TOTAL_2023_01).getExportsUsd())
        .isEqualTo(new BigDecimal("7.00"));
  }

  @Test
  void yearOverYearComparesTheSameCalendarMonthAndYearToDate() {
    fixture.publish(
        kz(Flow.X, 2022, 1, "2402", "100.00"),
        kz(Flow.X, 2022, 2, "2402", "100.00"),
        kz(Flow.X, 2023, 1, "2402", "150.00"),
        kz(Flow.X, 2023, 2, "2402", "50.00"));

    Map<String, TradeMonthly> monthly = fixture.finalValues(fixture.topics.tradeMonthly());
    TradeMonthly feb = monthly.get("KZ-BNS|KAZ|ARM|TOTAL|2023-02");

    assertThat(feb.getExportsYoyPct()).isEqualByComparingTo("-50");
    assertThat(feb.getYtdExportsUsd()).isEqualTo(new BigDecimal("200.00"));
    assertThat(feb.getYtdExportsYoyPct()).isEqualByComparingTo("0");
    assertThat(feb.getT12mExportsUsd())
        .as("Mar-Dec 2022 were never released: unknown, not zero trade")
        .isNull();
    assertThat(feb.getNullReasons())
        .containsEntry("t12mExportsUsd", "exports of 2022-03 not released");
    TradeMonthly jan2022 = monthly.get("KZ-BNS|KAZ|ARM|TOTAL|2022-01");
    assertThat(jan2022.getT12mExportsUsd()).as("nothing reported in 2021").isNull();
  }

  @Test
  void annualRecordWinsOverMonthlySumAndIsNotCountedTwice() {
    fixture.publish(
        kz(Flow.X, 2021, 1, "2402", "100.00"),
        kz(Flow.X, 2021, 2, "2402", "200.00"),
        kz(Flow.X, 2021, null, "2402", "4000.00"));

    TradeAnnual annual =
        fixture.finalValues(fixture.topics.tradeAnnual()).get("KZ-BNS|KAZ|ARM|TOTAL|2021");

    assertThat(annual.getExportsUsd()).isEqualTo(new BigDecimal("4000.00"));
    assertThat(annual.getExportsBasis()).isEqualTo(AnnualBasis.ANNUAL_RECORD);
    assertThat(annual.getMonthsReported()).isEqualTo(2);
  }

  @Test
  void aTotalRecordStandsForItsChaptersInTheTotalGroup() {
    fixture.publish(
        kz(Flow.M, 2023, 3, "0806", "10.00"),
        kz(Flow.M, 2023, 3, "TOTAL", "95.00"),
        kz(Flow.M, 2023, 3, "2208", "20.00"));

    Map<String, TradeMonthly> monthly = fixture.finalValues(fixture.topics.tradeMonthly());

    assertThat(monthly.get("KZ-BNS|KAZ|ARM|TOTAL|2023-03").getImportsUsd())
        .isEqualTo(new BigDecimal("95.00"));
    assertThat(monthly.get("KZ-BNS|KAZ|ARM|22|2023-03").getImportsUsd())
        .isEqualTo(new BigDecimal("20.00"));
  }

  @Test
  void aCoarserCodeStandsForItsFinerOnesWhateverOrderTheyArriveIn() {
    fixture.publish(
        kz(Flow.X, 2023, 5, "8703", "7.00"),
        kz(Flow.X, 2023, 5, "270900", "1.00"),
        kz(Flow.X, 2023, 5, "2801", "3.00"),
        kz(Flow.X, 2023, 5, "27", "50.00"),
        kz(Flow.X, 2023, 5, "2710", "2.00"),
        kz(Flow.X, 2023, 5, "0201", "4.00"));

    Map<String, TradeMonthly> monthly = fixture.finalValues(fixture.topics.tradeMonthly());

    assertThat(monthly.get("KZ-BNS|KAZ|ARM|27|2023-05").getExportsUsd())
        .as("chapter 27 as reported stands for its headings")
        .isEqualTo(new BigDecimal("50.00"));
    assertThat(monthly.get("KZ-BNS|KAZ|ARM|28|2023-05").getExportsUsd())
        .isEqualTo(new BigDecimal("3.00"));
    assertThat(monthly.get("KZ-BNS|KAZ|ARM|02|2023-05").getExportsUsd())
        .isEqualTo(new BigDecimal("4.00"));
    assertThat(monthly.get("KZ-BNS|KAZ|ARM|TOTAL|2023-05").getExportsUsd())
        .isEqualTo(new BigDecimal("64.00"));
  }

  @Test
  void sourcesAreNeverAddedTogether() {
    fixture.publish(
        kz(Flow.X, 2023, 1, "2402", "100.00"),
        TopologyFixture.trade("AM-ARMSTAT", "ARM", "KAZ", Flow.M, 2023, 1, "2402", "90.00", 1));

    Map<String, TradeMonthly> monthly = fixture.finalValues(fixture.topics.tradeMonthly());

    assertThat(monthly.get(TOTAL_2023_01).getImportsUsd())
        .as("KZ-BNS released exports only: its imports are unknown, not zero")
        .isNull();
    assertThat(monthly.get(TOTAL_2023_01).getNullReasons())
        .containsEntry("importsUsd", "imports of 2023-01 not released");
    assertThat(monthly.get("AM-ARMSTAT|ARM|KAZ|TOTAL|2023-01").getImportsUsd())
        .isEqualTo(new BigDecimal("90.00"));
  }

  @Test
  void anyOrderWithDuplicatesGivesTheFinalStateOfTheOrderedRun() {
    List<TradeRecord> ordered = new ArrayList<>();
    for (int year = 2021; year <= 2023; year++) {
      for (int month = 1; month <= 12; month++) {
        ordered.add(kz(Flow.X, year, month, "2402", (year * 10 + month) + ".00"));
        ordered.add(kz(Flow.M, year, month, "0806", (month * 7) + ".50"));
      }
    }
    TradeRecord revisedLast = revised(ordered.get(5), 2, "999.99");
    ordered.add(revisedLast);
    fixture.publish(ordered);
    Map<String, TradeMonthly> expectedMonthly = fixture.finalValues(fixture.topics.tradeMonthly());
    Map<String, TradeAnnual> expectedAnnual = fixture.finalValues(fixture.topics.tradeAnnual());

    List<TradeRecord> shuffled = new ArrayList<>(ordered);
    shuffled.addAll(ordered.subList(0, 20));
    Collections.shuffle(shuffled, new Random(42));
    try (TopologyFixture other = new TopologyFixture(stateDir.resolve("shuffled"))) {
      other.publish(shuffled);
      // An older revision arriving after the newer one is refused, so the shuffled run must
      // still end on the revised value.
      assertThat(other.finalValues(other.topics.tradeMonthly())).isEqualTo(expectedMonthly);
      assertThat(other.finalValues(other.topics.tradeAnnual())).isEqualTo(expectedAnnual);
    }
    assertThat(expectedAnnual.get("KZ-BNS|KAZ|ARM|TOTAL|2023").getTurnoverYoyPct()).isNotNull();
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
