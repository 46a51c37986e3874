package io.tradewatch.streams.topology;

import static io.tradewatch.streams.topology.TopologyFixture.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Releases;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property-style check that the figures do not depend on the order in which records arrive or on
 * how the emissions batch them: a small history with what real customs files hold (two reporters
 * that mirror each other, figures at chapter and HS4 level and for the total, zeros, annual
 * December figures, re-exports, late figures, revisions, a target) is loaded once as an office
 * publishes it, file by file with each file's releases after its figures, and then in random orders
 * with duplicates, releases often before their figures, and emissions at random points. In the
 * random orders the monthly figures say that their release follows, as the producers' do, so they
 * wait for it (or for the wait to run out); in the ordered run they do not. Every figure output
 * must end with the same value for every key.
 *
 * <p>Different HS chapters of a country pair travel in different partitions, so on a real broker
 * their relative order is a matter of timing: a dependence on it is a result that differs between
 * two runs of the same input. This test failed on one (a year's first monthly figure after its
 * annual one) before it was fixed; 20 histories of three orders each passed when it was written.
 */
class ArrivalOrderPropertyTest {
  private static final int FIRST_YEAR = 2020;
  private static final int YEARS = 3;
  private static final List<String> CODES = List.of("0201", "0202", "02", "2709", "8703", "TOTAL");
  private static final long[] SEEDS = {11, 2026, 90210};

  @TempDir Path stateDir;

  /** One item of the input: a figure or a release. */
  private sealed interface Item permits Figure, Released {}

  private record Figure(TradeRecord record) implements Item {}

  private record Released(Release release) implements Item {}

  @Test
  void givenAHistoryInRandomOrdersWithDuplicates_whenLoaded_thenEveryFigureEndsAsInOrder() {
    // Given a history published as monthly files (figures, then their releases)
    List<List<Item>> files = history(new Random(7));
    List<Item> inOrder = files.stream().flatMap(List::stream).toList();
    assertThat(inOrder).hasSizeGreaterThan(300);

    // When it is loaded in order, one emission per file
    Map<String, Map<String, Object>> expected;
    try (TopologyFixture ordered = new TopologyFixture(stateDir.resolve("ordered"))) {
      ordered.publish(TARGET);
      for (List<Item> file : files) {
        load(ordered, file, false);
        ordered.driver.advanceWallClockTime(TopologyFixture.EMIT_INTERVAL);
      }
      expected = outputs(ordered);
    }
    // ... and in random orders with a tenth of the items twice, emissions at random points
    for (long seed : SEEDS) {
      Random random = new Random(seed);
      List<Item> shuffled = new ArrayList<>(inOrder);
      shuffled.addAll(inOrder.subList(0, inOrder.size() / 10));
      Collections.shuffle(shuffled, random);
      try (TopologyFixture f = new TopologyFixture(stateDir.resolve("seed-" + seed))) {
        f.publish(TARGET);
        for (Item item : shuffled) {
          load(f, List.of(item), true);
          if (random.nextInt(4) == 0) {
            f.driver.advanceWallClockTime(TopologyFixture.EMIT_INTERVAL);
          }
        }
        // A figure read after its release waits for one that does not come, then counts anyway.
        f.driver.advanceWallClockTime(AwaitedReleases.WAIT);
        f.driver.advanceWallClockTime(TopologyFixture.EMIT_INTERVAL);

        // Then every output ends with the ordered run's value for every key
        Map<String, Map<String, Object>> actual = outputs(f);
        expected.forEach(
            (topic, values) ->
                assertThat(actual.get(topic)).as("%s, seed %d", topic, seed).isEqualTo(values));
      }
    }
    Topics topics = Topics.defaults();
    assertThat(expected.get(topics.tradeMonthly().name())).hasSizeGreaterThan(200);
    assertThat(expected.get(topics.tradeAnnual().name())).hasSizeGreaterThan(20);
    assertThat(expected.get(topics.mirrorGaps().name())).isNotEmpty();
    assertThat(expected.get(topics.targetProgress().name())).isNotEmpty();
  }

  private static final TargetDefinition TARGET =
      TopologyFixture.target("5000.00", FIRST_YEAR, null, "02", "8703");

  /**
   * @param releaseFollows figures say that their release follows, as the producers' do; the ordered
   *     run's do not, so the header may change when a figure is written, never what it ends as
   */
  private static void load(TopologyFixture f, List<Item> items, boolean releaseFollows) {
    for (Item item : items) {
      if (item instanceof Figure figure) {
        f.pipe(figure.record(), releaseFollows);
      } else if (item instanceof Released released) {
        Release r = released.release();
        f.releases.pipeInput(Keys.releaseMessageKey(r), r, Keys.releaseTimestamp(r));
      }
    }
  }

  private static Map<String, Map<String, Object>> outputs(TopologyFixture f) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    for (Topic<String, ?> topic :
        List.<Topic<String, ?>>of(
            f.topics.tradeMonthly(),
            f.topics.tradeAnnual(),
            f.topics.mirrorGaps(),
            f.topics.targetProgress())) {
      out.put(topic.name(), new TreeMap<>(f.finalValues(topic)));
    }
    return out;
  }

  /**
   * Monthly files of two reporters that report each other (KAZ, ARM) and a third partner: each file
   * holds a month's first figures and the late and revised figures published with it, then the
   * releases of the months its figures belong to.
   */
  private static List<List<Item>> history(Random random) {
    List<List<TradeRecord>> byFile = new ArrayList<>();
    int months = YEARS * 12;
    String[][] reporters = {{"KZ-BNS", "KAZ", "ARM"}, {"AM-SC", "ARM", "KAZ"}};
    for (int i = 0; i < months * reporters.length; i++) {
      byFile.add(new ArrayList<>());
    }
    for (int m = 0; m < months; m++) {
      int year = FIRST_YEAR + m / 12;
      int month = m % 12 + 1;
      for (int side = 0; side < reporters.length; side++) {
        String source = reporters[side][0];
        String reporter = reporters[side][1];
        for (String partner : List.of(reporters[side][2], "RUS")) {
          for (String code : CODES) {
            for (Flow flow : List.of(Flow.X, Flow.M, Flow.RX)) {
              // The mirror partner trades most months; the other one a few, so its series have
              // gaps, lone annual figures and years whose first monthly figure comes late
              boolean sparse = partner.equals("RUS");
              int percent = flow == Flow.RX ? 5 : sparse ? 3 : 35;
              boolean annual;
              if (month == 12 && sparse && random.nextInt(100) < 30) {
                annual = true;
              } else if (random.nextInt(100) < percent) {
                annual = month == 12 && random.nextInt(6) == 0;
              } else {
                continue;
              }
              String usd =
                  random.nextInt(10) == 0 ? "0.00" : random.nextInt(1, 100_000) + "." + "50";
              TradeRecord r =
                  trade(source, reporter, partner, flow, year, annual ? null : month, code, usd, 1);
              // Files alternate between the reporters; a late figure comes up to a year of its
              // files later
              int file = m * reporters.length + side;
              int last = (months - 1) * reporters.length + side;
              if (random.nextInt(100) < (sparse ? 40 : 8)) {
                file = Math.min(last, file + reporters.length * random.nextInt(1, 13));
              }
              byFile.get(file).add(r);
              if (random.nextInt(100) < 10) {
                int later = Math.min(last, file + reporters.length * random.nextInt(1, 13));
                byFile
                    .get(later)
                    .add(
                        TopologyFixture.revised(
                            r, 2, new BigDecimal(usd).add(BigDecimal.TEN).toPlainString()));
              }
            }
          }
        }
      }
    }
    List<List<Item>> files = new ArrayList<>();
    for (List<TradeRecord> records : byFile) {
      if (records.isEmpty()) {
        continue;
      }
      List<Item> file = new ArrayList<>();
      Releases releases = new Releases();
      for (TradeRecord r : records) {
        file.add(new Figure(r));
        releases.add(r);
      }
      releases.releases().forEach(r -> file.add(new Released(r)));
      files.add(file);
    }
    return files;
  }
}
