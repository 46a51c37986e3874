package io.tradewatch.producers.synthetic;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.schemas.TradeFigures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Deterministic synthetic customs releases, shaped like the monthly files statistical offices
 * publish: each release is one reporter's month, every partner × product cell that traded in it.
 * Generated lazily, one release at a time (2 million records never sit in memory at once).
 *
 * <p>Why dense. {@link SyntheticTrade} spreads its records thin (about 0.1 record per country pair
 * and month), so nearly every record opens a series-month of its own. A real release is the
 * opposite: thousands of HS6 rows of one reporter and month that the topology folds into a few
 * hundred to a few thousand partner × HS chapter series and their TOTAL, many rows per series. A
 * replay of real files puts that shape through the topology (its record caches fold the rows of a
 * series into one update), so the benchmark measures it beside the sparse one.
 *
 * <p>Shape. Up to {@value #MAX_REPORTERS} reporters (one source each, {@code <reporter>-NSO}) and
 * {@value #MIN_MONTHS} to {@value #MAX_MONTHS} months ending {@link #LAST_PERIOD}, both chosen from
 * the count so that releases keep at least ~{@value #MIN_ROWS} rows; from about 5 000 records on
 * there are {@value #MAX_REPORTERS} reporters × {@value #MAX_MONTHS} months (so year-over-year
 * growth and trailing-twelve-month sums exist), and releases grow with the count (~10 000 rows at 2
 * million). Each reporter has a fixed basket of cells (partner, flow, HS6 code): about {@value
 * #PARTNERS_PER_REPORTER} partners, X or M and a few RX and RM, HS6 codes in chapters 01–97 (not
 * 77), skewed as real trade is (a few partners and chapters carry most cells and most value). A
 * cell trades in about {@value #PRESENT_PERCENT} % of months. A release lists the cells present
 * that month grouped by partner and flow, each group followed by its TOTAL row, the sum of the
 * group's cells, as Comtrade files carry it. Values move like trade: a level fixed by the cell, ~3
 * % a year of growth, ±10 % of seasonality and ±15 % of noise.
 *
 * <p>Publication. Month after month, and within a month reporter after reporter. About {@value
 * #RE_RELEASE_PERCENT} % of releases are followed 1–{@value #MAX_DELAY_MONTHS} months later by a
 * re-release of the whole month: the same cells, each row at revision 2, moved by up to ±5 %. About
 * {@value #LATE_PERCENT} % of months come out 1–{@value #MAX_DELAY_MONTHS} months after their turn.
 *
 * <p>Size. Density comes with size: at 2 million records a release of ~9 800 rows folds into ~900
 * series (~11 rows per series); at 20 000, releases of ~100 rows are about one row per series, as
 * sparse as {@link SyntheticTrade}. The baskets are the smallest that give at least the requested
 * count of rows, and the last release is cut so that exactly the count is yielded (it may then end
 * inside a partner's rows, without their TOTAL). Computing that is a pass over the presence draws,
 * not over records; the baskets (one cell per distinct row of a reporter, ~10 000 at 2 million
 * records) are kept. Every record passes {@code RecordChecks}; revisions only go up.
 */
public final class CustomsReleases implements Iterable<List<TradeRecord>> {
  static final int MAX_REPORTERS = 8;
  static final int MIN_MONTHS = 13;
  static final int MAX_MONTHS = 24;
  static final int MIN_ROWS = 25;
  static final int PARTNERS_PER_REPORTER = 150;
  static final int PRESENT_PERCENT = 90;
  static final int RE_RELEASE_PERCENT = 5;
  static final int LATE_PERCENT = 3;
  static final int MAX_DELAY_MONTHS = 6;

  /** The last month released; the first is {@code months - 1} before it. */
  public static final YearMonth LAST_PERIOD = YearMonth.of(2024, 12);

  /**
   * Ten times the benchmark's default: beyond, releases of ~100 000 rows start to exhaust the
   * baskets' distinct cells, and the baskets (kept in memory) pass a hundred MB.
   */
  public static final long MAX_COUNT = 20_000_000;

  private static final List<String> REPORTERS =
      List.of("DEU", "CHN", "USA", "KAZ", "TUR", "BRA", "ARM", "IND");
  private static final List<String> COUNTRIES =
      List.copyOf(new TreeSet<>(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3)));
  private static final List<String> CHAPTERS = chaptersByWeight();
  private static final int HEADINGS = 20;
  private static final List<String> SUBHEADINGS =
      List.of("10", "90", "20", "00", "11", "19", "30", "21", "29", "39");
  // Exports and imports; re-exports and re-imports are the last few percent.
  private static final Flow[] FLOWS = {Flow.X, Flow.M, Flow.RX, Flow.RM};

  /** What a stream of draws is for: each release draws from its own streams. */
  private enum Draws {
    SCHEDULE,
    BASKET,
    PRESENCE,
    NOISE,
    REVISION
  }

  /**
   * One cell of a reporter's basket.
   *
   * @param index its place in draw order (a cell's presence in a month is that release's draw of
   *     this index, so a bigger basket keeps the smaller one's presence)
   * @param group partner rank × flows + flow: the cells a TOTAL row sums
   * @param level its monthly value before trend, season and noise, USD
   */
  private record Cell(
      int index, int group, String partner, Flow flow, String hsCode, double level) {}

  /**
   * One release as it comes out.
   *
   * @param month index from the first month
   * @param step the month it comes out (its own month unless late, later for a re-release)
   * @param rows the rows it holds (fewer than its cells for the last, cut release)
   */
  private record Publication(int reporter, int month, int revision, int step, long rows) {
    Publication withRows(long n) {
      return new Publication(reporter, month, revision, step, n);
    }
  }

  private final long count;
  private final long seed;
  private final int reporters;
  private final int months;
  private final YearMonth firstPeriod;
  private final List<List<Cell>> baskets;
  private final List<Publication> publications;

  /**
   * Plans the releases (reporters, months, baskets and the publication order); the records are
   * built as they are iterated.
   *
   * @param count records yielded in all
   * @param seed same seed, same records
   */
  public CustomsReleases(long count, long seed) {
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count must be 0 to " + MAX_COUNT + ", was " + count);
    }
    this.count = count;
    this.seed = seed;
    this.reporters =
        (int) Math.max(1, Math.min(MAX_REPORTERS, count / ((long) MAX_MONTHS * MIN_ROWS)));
    this.months =
        (int) Math.max(MIN_MONTHS, Math.min(MAX_MONTHS, count / ((long) reporters * MIN_ROWS)));
    this.firstPeriod = LAST_PERIOD.minusMonths(months - 1);
    List<Publication> schedule = schedule();
    List<Basket> drawn = new ArrayList<>();
    for (int r = 0; r < reporters; r++) {
      drawn.add(new Basket(r));
    }
    long[] rows = fill(drawn, schedule);
    this.baskets = drawn.stream().map(Basket::sorted).toList();
    this.publications = cut(schedule, rows);
  }

  /** Records yielded in all, over every release. */
  public long count() {
    return count;
  }

  public int reporterCount() {
    return reporters;
  }

  public int monthCount() {
    return months;
  }

  public YearMonth firstPeriod() {
    return firstPeriod;
  }

  /** Releases yielded, re-releases included. */
  public int releaseCount() {
    return publications.size();
  }

  /** Releases yielded that re-release a whole month at revision 2. */
  public int reReleaseCount() {
    return (int) publications.stream().filter(p -> p.revision() > 1).count();
  }

  /** The releases in publication order, each the records of one reporter's month. */
  @Override
  public Iterator<List<TradeRecord>> iterator() {
    Serdes.trustGeneratedClasses();
    Iterator<Publication> next = publications.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return next.hasNext();
      }

      @Override
      public List<TradeRecord> next() {
        return release(next.next());
      }
    };
  }

  /** Every reporter-month once, on time or late, and about one in twenty re-released later. */
  private List<Publication> schedule() {
    SplittableRandom random = draws(Draws.SCHEDULE);
    List<Publication> out = new ArrayList<>();
    for (int m = 0; m < months; m++) {
      for (int r = 0; r < reporters; r++) {
        int step = m;
        if (random.nextInt(100) < LATE_PERCENT) {
          step += 1 + random.nextInt(MAX_DELAY_MONTHS);
        }
        out.add(new Publication(r, m, 1, step, 0));
        if (random.nextInt(100) < RE_RELEASE_PERCENT) {
          out.add(new Publication(r, m, 2, step + 1 + random.nextInt(MAX_DELAY_MONTHS), 0));
        }
      }
    }
    out.sort(
        Comparator.comparingInt(Publication::step)
            .thenComparingInt(Publication::reporter)
            .thenComparingInt(Publication::month)
            .thenComparingInt(Publication::revision));
    return out;
  }

  /**
   * Grows every basket by one cell at a time until the releases hold at least {@link #count} rows,
   * counting rows the way {@link #release} lays them out.
   *
   * @return the rows of each reporter-month (index reporter × months + month)
   */
  private long[] fill(List<Basket> drawn, List<Publication> schedule) {
    int releases = reporters * months;
    int[] copies = new int[releases];
    for (Publication p : schedule) {
      copies[p.reporter() * months + p.month()]++;
    }
    SplittableRandom[] presence = new SplittableRandom[releases];
    boolean[][] totals = new boolean[releases][PARTNERS_PER_REPORTER * FLOWS.length];
    for (int k = 0; k < releases; k++) {
      presence[k] = draws(Draws.PRESENCE, k / months, k % months);
    }
    long[] rows = new long[releases];
    long total = 0;
    while (total < count) {
      for (int r = 0; r < reporters; r++) {
        Cell cell = drawn.get(r).draw();
        for (int m = 0; m < months; m++) {
          int k = r * months + m;
          if (!present(presence[k])) {
            continue;
          }
          rows[k]++;
          total += copies[k];
          if (!totals[k][cell.group()]) {
            totals[k][cell.group()] = true;
            rows[k]++;
            total += copies[k];
          }
        }
      }
    }
    return rows;
  }

  /** The publications up to the count, the last one cut to fit. */
  private List<Publication> cut(List<Publication> schedule, long[] rows) {
    List<Publication> out = new ArrayList<>();
    long left = count;
    for (Publication p : schedule) {
      if (left == 0) {
        break;
      }
      long n = Math.min(left, rows[p.reporter() * months + p.month()]);
      if (n > 0) {
        out.add(p.withRows(n));
        left -= n;
      }
    }
    return List.copyOf(out);
  }

  private List<TradeRecord> release(Publication p) {
    List<Cell> basket = baskets.get(p.reporter());
    SplittableRandom presence = draws(Draws.PRESENCE, p.reporter(), p.month());
    boolean[] present = new boolean[basket.size()];
    for (int i = 0; i < present.length; i++) {
      present[i] = present(presence);
    }
    // A re-release draws the first release's values again, then moves each.
    SplittableRandom noise = draws(Draws.NOISE, p.reporter(), p.month());
    SplittableRandom revision = draws(Draws.REVISION, p.reporter(), p.month());
    YearMonth period = firstPeriod.plusMonths(p.month());
    String reporter = REPORTERS.get(p.reporter());
    String source = reporter + "-NSO";
    List<TradeRecord> out = new ArrayList<>((int) p.rows() + 1);
    Cell group = null;
    BigDecimal sum = BigDecimal.ZERO;
    for (Cell cell : basket) {
      if (!present[cell.index()]) {
        continue;
      }
      if (group != null && cell.group() != group.group()) {
        out.add(record(source, reporter, group, Keys.TOTAL, period, p.revision(), sum));
        sum = BigDecimal.ZERO;
      }
      group = cell;
      BigDecimal value = value(cell, p.month(), period, noise);
      if (p.revision() > 1) {
        value = revised(value, revision);
      }
      sum = sum.add(value);
      out.add(record(source, reporter, cell, cell.hsCode(), period, p.revision(), value));
    }
    if (group != null) {
      out.add(record(source, reporter, group, Keys.TOTAL, period, p.revision(), sum));
    }
    if (out.size() < p.rows()) {
      throw new IllegalStateException(
          "release of "
              + reporter
              + " "
              + period
              + " has "
              + out.size()
              + " rows, planned "
              + p.rows());
    }
    return out.size() == p.rows() ? out : new ArrayList<>(out.subList(0, (int) p.rows()));
  }

  private static TradeRecord record(
      String source,
      String reporter,
      Cell cell,
      String hsCode,
      YearMonth period,
      int revision,
      BigDecimal value) {
    int year = period.getYear();
    int month = period.getMonthValue();
    return TradeFigures.of(
            new TradeFigures.Cell(
                source, reporter, cell.partner(), cell.flow(), year, month, hsCode))
        .setRevision(revision)
        .setValueUsd(value)
        .build();
  }

  /**
   * The cell's level, ~3 % a year of growth, ±10 % with the seasons and ±15 % at random, as {@link
   * SyntheticTrade} moves its figures, so that year-over-year comparisons behave as on real data.
   */
  private static BigDecimal value(
      Cell cell, int monthIndex, YearMonth period, SplittableRandom noise) {
    double trend = Math.pow(1.03, monthIndex / 12.0);
    double season = 1 + 0.1 * Math.sin(2 * Math.PI * period.getMonthValue() / 12);
    double jitter = 0.85 + 0.3 * noise.nextDouble();
    return BigDecimal.valueOf(Math.round(cell.level() * trend * season * jitter * 100), 2);
  }

  /** A revision moves a figure by up to ±5 %. */
  private static BigDecimal revised(BigDecimal value, SplittableRandom random) {
    double factor = 0.95 + 0.1 * random.nextDouble();
    return value.multiply(BigDecimal.valueOf(factor)).setScale(2, RoundingMode.HALF_UP);
  }

  private static boolean present(SplittableRandom presence) {
    return presence.nextInt(100) < PRESENT_PERCENT;
  }

  /** An independent stream of draws for one purpose (and release), the same for the same seed. */
  private SplittableRandom draws(Draws purpose, int... parts) {
    long state = new SplittableRandom(seed).nextLong() + purpose.ordinal();
    for (int part : parts) {
      state = new SplittableRandom(state).nextLong() + part;
    }
    return new SplittableRandom(state);
  }

  /** An index in [0, n), the more likely the smaller: {@code n u^power}. */
  private static int skewed(SplittableRandom random, int n, int power) {
    return Math.min(n - 1, (int) (n * Math.pow(random.nextDouble(), power)));
  }

  /**
   * The chapters that carry most of world trade first (fuels, machinery, electrical equipment,
   * vehicles, precious stones, pharmaceuticals, plastics, ...), then the rest in code order; a
   * skewed draw of the index then favours them.
   */
  private static List<String> chaptersByWeight() {
    Set<String> chapters = new LinkedHashSet<>();
    for (int c : List.of(27, 84, 85, 87, 71, 30, 39, 72, 90, 29, 26, 88, 73, 94, 40, 38, 62, 61)) {
      chapters.add(String.format("%02d", c));
    }
    for (int c = 1; c <= 97; c++) {
      if (c != 77) {
        chapters.add(String.format("%02d", c));
      }
    }
    return List.copyOf(chapters);
  }

  /** One reporter's basket, drawn cell by cell. */
  private final class Basket {
    private final String reporter;
    private final List<String> partners;
    private final int[][] chapters;
    private final SplittableRandom random;
    private final Set<Long> taken = new HashSet<>();
    private final List<Cell> cells = new ArrayList<>();

    Basket(int reporterIndex) {
      reporter = REPORTERS.get(reporterIndex);
      random = draws(Draws.BASKET, reporterIndex);
      // The other reporters are among the partners, so that mirror flows exist.
      List<String> others = new ArrayList<>(COUNTRIES);
      others.removeAll(REPORTERS);
      shuffle(others);
      List<String> pool = new ArrayList<>(REPORTERS);
      pool.remove(reporter);
      pool.addAll(others.subList(0, PARTNERS_PER_REPORTER - pool.size()));
      shuffle(pool);
      partners = List.copyOf(pool);
      chapters = new int[PARTNERS_PER_REPORTER][];
      for (int rank = 0; rank < PARTNERS_PER_REPORTER; rank++) {
        chapters[rank] = chaptersOf(rank);
      }
    }

    /**
     * The chapters a partner trades in, most traded first: all of them for the biggest partners, a
     * handful for the smallest (which is what makes a release fold into few series), mostly the big
     * chapters but in an order of the partner's own.
     */
    private int[] chaptersOf(int rank) {
      int n = Math.max(3, CHAPTERS.size() / (1 + rank));
      double[] key = new double[CHAPTERS.size()];
      Integer[] order = new Integer[CHAPTERS.size()];
      for (int c = 0; c < key.length; c++) {
        key[c] = (c + 1) * (0.25 + random.nextDouble());
        order[c] = c;
      }
      java.util.Arrays.sort(order, Comparator.comparingDouble(c -> key[c]));
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = order[i];
      }
      return out;
    }

    Cell draw() {
      for (int attempt = 0; ; attempt++) {
        // Once the busy corner of the basket is taken, skewed draws mostly collide: draw evenly.
        boolean even = attempt >= 20;
        int partner = skewed(random, PARTNERS_PER_REPORTER, even ? 1 : 3);
        int f = random.nextInt(100);
        int flow = f < 47 ? 0 : f < 94 ? 1 : f < 97 ? 2 : 3;
        int[] traded = chapters[partner];
        int chapter = traded[skewed(random, traded.length, even ? 1 : 3)];
        int heading = skewed(random, HEADINGS, even ? 1 : 2);
        int subheading = skewed(random, SUBHEADINGS.size(), even ? 1 : 2);
        long id =
            (((partner * (long) FLOWS.length + flow) * CHAPTERS.size() + chapter) * HEADINGS
                        + heading)
                    * SUBHEADINGS.size()
                + subheading;
        if (!taken.add(id)) {
          continue;
        }
        String hs =
            CHAPTERS.get(chapter)
                + String.format("%02d", heading + 1)
                + SUBHEADINGS.get(subheading);
        String partnerIso = partners.get(partner);
        // Fixed by the cell (as in SyntheticTrade), scaled so that big partners and chapters
        // trade more in each cell as well as in more cells.
        double u =
            new SplittableRandom(Keys.join(reporter, partnerIso, FLOWS[flow], hs).hashCode())
                .nextDouble();
        double level =
            1_000 + u * u * u * 1_000_000 * 30 / Math.pow(partner + 1, 1.5) * 10 / (chapter + 1);
        Cell cell =
            new Cell(
                cells.size(), partner * FLOWS.length + flow, partnerIso, FLOWS[flow], hs, level);
        cells.add(cell);
        return cell;
      }
    }

    /** In the order of a Comtrade file: partner, flow, then HS code. */
    List<Cell> sorted() {
      return cells.stream()
          .sorted(
              Comparator.comparing(Cell::partner)
                  .thenComparing(Cell::flow)
                  .thenComparing(Cell::hsCode))
          .toList();
    }

    private void shuffle(List<String> list) {
      for (int i = list.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        list.set(j, list.set(i, list.get(j)));
      }
    }
  }
}
