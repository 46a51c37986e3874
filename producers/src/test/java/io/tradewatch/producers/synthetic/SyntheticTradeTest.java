package io.tradewatch.producers.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Frequency;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.RecordChecks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticTradeTest {
  private static final int N = 30_000;

  @Test
  void shouldGenerateTheSameRecordsForTheSameSeed() {
    assertThat(list(new SyntheticTrade(N, 1))).isEqualTo(list(new SyntheticTrade(N, 1)));
    assertThat(list(new SyntheticTrade(100, 1))).isNotEqualTo(list(new SyntheticTrade(100, 2)));
  }

  @Test
  void shouldGenerateValidRecordsWithRevisionsAndLateRecordsButNoConflicts() {
    RecordChecks checks = RecordChecks.systemUtc();
    Map<String, Integer> latestRevision = new HashMap<>();
    Set<String> reporters = new HashSet<>();
    Set<String> partners = new HashSet<>();
    int revisions = 0;
    int late = 0;
    int annual = 0;
    long newestPeriod = Long.MIN_VALUE;
    for (TradeRecord r : new SyntheticTrade(N, 42)) {
      assertThat(checks.check(r)).as(r.getRecordKey()).isEmpty();
      Integer previous = latestRevision.put(r.getRecordKey(), r.getRevision());
      // Every record is either new (revision 1) or a higher revision than the one applied.
      if (previous == null) {
        assertThat(r.getRevision()).as(r.getRecordKey()).isEqualTo(1);
      } else {
        assertThat(r.getRevision()).as(r.getRecordKey()).isGreaterThan(previous);
        revisions++;
      }
      long period = r.getYear() * 100L + (r.getMonth() == null ? 12 : r.getMonth());
      if (r.getRevision() == 1 && period < newestPeriod) {
        late++;
      }
      newestPeriod = Math.max(newestPeriod, period);
      annual += r.getFrequency() == Frequency.A ? 1 : 0;
      reporters.add(r.getReporter());
      partners.add(r.getPartner());
    }
    assertThat(revisions).isBetween(N * 3 / 100, N * 7 / 100);
    assertThat(late).isBetween(N / 100, N * 6 / 100);
    assertThat(annual).isPositive();
    assertThat(reporters).hasSize(SyntheticTrade.REPORTER_COUNT);
    assertThat(partners.size()).isGreaterThan(150);
  }

  @Test
  void givenTheRecordsAsMonthlyFiles_eachFileOpensOneNewMonthAndTogetherTheyAreTheRecordsInOrder() {
    // given
    SyntheticTrade trade = new SyntheticTrade(N, 42, 6);

    // when
    List<List<TradeRecord>> files = new ArrayList<>();
    trade.monthlyFiles().forEach(files::add);

    // then every record comes once, in the order of the batch
    assertThat(files.stream().flatMap(List::stream).toList()).isEqualTo(list(trade));
    // ... each file opens a month newer than any before it, and its other records are of that month
    // or earlier (late and revised figures published beside it)
    int newest = Integer.MIN_VALUE;
    for (List<TradeRecord> file : files) {
      assertThat(file).isNotEmpty();
      int opened = period(file.get(0));
      assertThat(opened).isGreaterThan(newest);
      newest = opened;
      for (TradeRecord r : file) {
        assertThat(period(r)).as(r.getRecordKey()).isLessThanOrEqualTo(opened);
      }
    }
    // ... and one file per month the records cover
    assertThat(files)
        .hasSize(
            (int) list(trade).stream().mapToInt(SyntheticTradeTest::period).distinct().count());
  }

  private static int period(TradeRecord r) {
    return r.getYear() * 12 + (r.getMonth() == null ? 12 : r.getMonth());
  }

  private static List<TradeRecord> list(SyntheticTrade records) {
    List<TradeRecord> out = new ArrayList<>();
    records.forEach(out::add);
    return out;
  }
}
