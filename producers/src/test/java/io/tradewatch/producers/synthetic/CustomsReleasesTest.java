package io.tradewatch.producers.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Frequency;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.RecordChecks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomsReleasesTest {
  private static final int N = 40_000;

  /** The benchmark's default size: planned once, only its first releases are generated. */
  private static final CustomsReleases FULL_SIZE = new CustomsReleases(2_000_000, 42);

  @Test
  void shouldGenerateTheSameReleasesForTheSameSeed() {
    assertThat(list(new CustomsReleases(N, 1))).isEqualTo(list(new CustomsReleases(N, 1)));
    assertThat(list(new CustomsReleases(300, 1))).isNotEqualTo(list(new CustomsReleases(300, 2)));
  }

  @Test
  void shouldYieldExactlyTheRequestedNumberOfRecords() {
    for (long count : List.of(0L, 1L, 300L, 20_000L, 123_457L)) {
      long yielded = 0;
      for (List<TradeRecord> release : new CustomsReleases(count, 42)) {
        assertThat(release).as("count %d", count).isNotEmpty();
        yielded += release.size();
      }
      assertThat(yielded).as("count %d", count).isEqualTo(count);
    }
  }

  @Test
  void shouldGenerateValidMonthlyRecordsWhoseRevisionsOnlyGoUp() {
    RecordChecks checks = RecordChecks.systemUtc();
    Map<String, Integer> latestRevision = new HashMap<>();
    for (List<TradeRecord> release : new CustomsReleases(N, 42)) {
      Set<String> keys = new HashSet<>();
      for (TradeRecord r : release) {
        assertThat(checks.check(r)).as(r.getRecordKey()).isEmpty();
        assertThat(keys.add(r.getRecordKey())).as("once per release: " + r.getRecordKey()).isTrue();
        assertThat(r.getFrequency()).isEqualTo(Frequency.M);
        assertThat(r.getSource()).isEqualTo(r.getReporter() + "-NSO");
        if (Keys.TOTAL.equals(r.getHsCode())) {
          assertThat(r.getHsLevel()).isZero();
        } else {
          assertThat(r.getHsCode()).hasSize(6);
          assertThat(r.getHsLevel()).isEqualTo(6);
          int chapter = Integer.parseInt(Keys.hsChapter(r.getHsCode()));
          assertThat(chapter).isBetween(1, 97).isNotEqualTo(77);
        }
        Integer previous = latestRevision.put(r.getRecordKey(), r.getRevision());
        if (previous == null) {
          assertThat(r.getRevision()).as(r.getRecordKey()).isEqualTo(1);
        } else {
          assertThat(r.getRevision()).as(r.getRecordKey()).isGreaterThan(previous);
        }
      }
    }
  }

  @Test
  void shouldReReleaseWholeMonthsAtTheNextRevisionAndPublishSomeMonthsLate() {
    CustomsReleases releases = new CustomsReleases(N, 42);
    List<List<TradeRecord>> all = list(releases);
    Map<String, Map<String, BigDecimal>> firstReleases = new HashMap<>();
    Map<String, Integer> newestPeriod = new HashMap<>();
    int reReleases = 0;
    int late = 0;
    for (int i = 0; i < all.size(); i++) {
      List<TradeRecord> release = all.get(i);
      TradeRecord head = release.get(0);
      String month =
          Keys.join(head.getReporter(), Keys.tradePeriod(head.getYear(), head.getMonth()));
      assertThat(release)
          .as("one reporter, month and revision per release")
          .allSatisfy(
              r -> {
                assertThat(r.getReporter()).isEqualTo(head.getReporter());
                assertThat(r.getMonth()).isEqualTo(head.getMonth());
                assertThat(r.getRevision()).isEqualTo(head.getRevision());
              });
      Map<String, BigDecimal> values = new HashMap<>();
      release.forEach(r -> values.put(r.getRecordKey(), r.getValueUsd()));
      if (head.getRevision() == 1) {
        assertThat(firstReleases.put(month, values)).as(month + " released once").isNull();
        int period = head.getYear() * 12 + head.getMonth();
        if (period < newestPeriod.getOrDefault(head.getReporter(), Integer.MIN_VALUE)) {
          late++;
        }
        newestPeriod.merge(head.getReporter(), period, Math::max);
        continue;
      }
      reReleases++;
      assertThat(head.getRevision()).isEqualTo(2);
      Map<String, BigDecimal> first = firstReleases.get(month);
      assertThat(first).as(month + " released before it is re-released").isNotNull();
      boolean cut = i == all.size() - 1;
      if (!cut) {
        assertThat(values.keySet()).as(month + ": the whole month").isEqualTo(first.keySet());
      }
      values.forEach(
          (key, value) -> {
            BigDecimal before = first.get(key);
            assertThat(value.doubleValue())
                .as(key)
                .isBetween(before.doubleValue() * 0.95 - 0.01, before.doubleValue() * 1.05 + 0.01);
          });
    }
    assertThat(reReleases).isEqualTo(releases.reReleaseCount()).isPositive();
    // About 5 % of the releases and 3 % of the months of 8 reporters × 24 months.
    assertThat(reReleases).isBetween(3, 25);
    assertThat(late).isBetween(1, 15);
  }

  @Test
  void shouldSumEachPartnerAndFlowOfAReleaseInItsTotalRow() {
    for (List<TradeRecord> release : firstReleases(FULL_SIZE, 3)) {
      Map<String, BigDecimal> sums = new HashMap<>();
      Map<String, BigDecimal> totals = new HashMap<>();
      for (TradeRecord r : release) {
        String group = Keys.join(r.getPartner(), r.getFlow());
        if (Keys.TOTAL.equals(r.getHsCode())) {
          assertThat(totals.put(group, r.getValueUsd())).as(group).isNull();
        } else {
          sums.merge(group, r.getValueUsd(), BigDecimal::add);
        }
      }
      assertThat(totals).isEqualTo(sums);
    }
  }

  @Test
  void shouldPublishThousandsOfRowsPerReleaseOverTwoYearsAtTwoMillionRecords() {
    assertThat(FULL_SIZE.reporterCount()).isEqualTo(8);
    assertThat(FULL_SIZE.monthCount()).isGreaterThanOrEqualTo(24);
    assertThat(FULL_SIZE.releaseCount())
        .isGreaterThanOrEqualTo(FULL_SIZE.reporterCount() * FULL_SIZE.monthCount());
    assertThat(firstReleases(FULL_SIZE, 16))
        .allSatisfy(release -> assertThat(release.size()).isBetween(5_000, 20_000));
  }

  @Test
  void shouldKeepReleasesOfAboutTwentyRowsOverThirteenMonthsAtSmallCounts() {
    for (long count : List.of(300L, 40_000L)) {
      CustomsReleases releases = new CustomsReleases(count, 42);
      assertThat(releases.monthCount()).as("count %d", count).isGreaterThanOrEqualTo(13);
      List<List<TradeRecord>> all = list(releases);
      List<Integer> sizes = all.stream().map(List::size).sorted().toList();
      assertThat(sizes.get(sizes.size() / 2)).as("count %d", count).isGreaterThanOrEqualTo(20);
      // The last release is cut to the count; the others vary with the cells present.
      assertThat(all.subList(0, all.size() - 1))
          .as("count %d", count)
          .allSatisfy(release -> assertThat(release.size()).isGreaterThanOrEqualTo(15));
      Set<String> periods = new HashSet<>();
      all.forEach(r -> periods.add(Keys.tradePeriod(r.get(0).getYear(), r.get(0).getMonth())));
      assertThat(periods).as("count %d", count).hasSize(releases.monthCount());
    }
  }

  @Test
  void shouldFoldTheRowsOfAReleaseIntoFewSeries() {
    for (List<TradeRecord> release : firstReleases(FULL_SIZE, 8)) {
      Set<String> series = new HashSet<>();
      release.forEach(
          r ->
              series.add(
                  Keys.join(
                      r.getSource(),
                      r.getReporter(),
                      r.getPartner(),
                      Keys.hsChapter(r.getHsCode()))));
      // The sparse shape has about one row per series; a real release, many.
      assertThat((double) release.size() / series.size())
          .as("rows per series of %s", release.get(0).getReporter())
          .isGreaterThan(5);
    }
  }

  @Test
  void shouldCarryMostValueAndRowsWithAFewPartners() {
    for (List<TradeRecord> release : firstReleases(FULL_SIZE, 8)) {
      Map<String, BigDecimal> valueByPartner = new HashMap<>();
      Map<String, Integer> rowsByPartner = new HashMap<>();
      BigDecimal value = BigDecimal.ZERO;
      int rows = 0;
      for (TradeRecord r : release) {
        if (!Keys.TOTAL.equals(r.getHsCode()) && (r.getFlow() == Flow.X || r.getFlow() == Flow.M)) {
          valueByPartner.merge(r.getPartner(), r.getValueUsd(), BigDecimal::add);
          rowsByPartner.merge(r.getPartner(), 1, Integer::sum);
          value = value.add(r.getValueUsd());
          rows++;
        }
      }
      String reporter = release.get(0).getReporter();
      assertThat(valueByPartner.size()).as(reporter).isBetween(120, 150);
      BigDecimal topTen =
          valueByPartner.values().stream()
              .sorted(Comparator.reverseOrder())
              .limit(10)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(topTen.doubleValue() / value.doubleValue()).as(reporter).isGreaterThan(0.5);
      int topTenRows =
          rowsByPartner.values().stream()
              .sorted(Comparator.reverseOrder())
              .limit(10)
              .mapToInt(Integer::intValue)
              .sum();
      // 10 partners of ~150 hold far more than their 7 % of the rows.
      assertThat((double) topTenRows / rows).as(reporter).isGreaterThan(0.3);
    }
  }

  private static List<List<TradeRecord>> firstReleases(CustomsReleases releases, int n) {
    List<List<TradeRecord>> out = new ArrayList<>();
    for (List<TradeRecord> release : releases) {
      if (out.size() == n) {
        break;
      }
      out.add(release);
    }
    return out;
  }

  private static List<List<TradeRecord>> list(CustomsReleases releases) {
    List<List<TradeRecord>> out = new ArrayList<>();
    releases.forEach(out::add);
    return out;
  }
}
