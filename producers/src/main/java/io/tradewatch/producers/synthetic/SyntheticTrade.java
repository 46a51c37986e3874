package io.tradewatch.producers.synthetic;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.schemas.TradeFigures;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Deterministic synthetic customs records, generated lazily (2 million records never sit in memory
 * at once) in roughly the order statistical offices publish them: month after month from 2000 to
 * 2024.
 *
 * <p>Key space: {@value #REPORTER_COUNT} reporters (one source each), {@value #PARTNER_COUNT}
 * partners, 96 HS chapters with 1–4 HS4 codes each, 300 months. Partners and HS codes are skewed (a
 * few large trading partners and products carry most records), as in real data. Of the records,
 * about {@value #REVISION_PERCENT} % are a higher revision of a figure published before, about
 * {@value #LATE_PERCENT} % are late (published 1–24 months after their period), a tenth of each
 * December's records are annual figures, and a tenth are re-exports or re-imports. Every record
 * passes {@code RecordChecks}; record keys never repeat with the same revision, so nothing is
 * dead-lettered.
 */
public final class SyntheticTrade implements Iterable<TradeRecord> {
  public static final int REPORTER_COUNT = 30;
  static final int PARTNER_COUNT = 200;
  static final int FIRST_YEAR = 2000;
  static final int MONTHS = 25 * 12;
  static final int REVISION_PERCENT = 5;
  static final int LATE_PERCENT = 3;
  private static final int RECENT = 1 << 16;

  private static final List<String> REPORTERS =
      List.of(
          "KAZ", "ARM", "DEU", "FRA", "CHN", "USA", "RUS", "TUR", "IND", "BRA", "JPN", "KOR", "GBR",
          "ITA", "ESP", "NLD", "POL", "UZB", "KGZ", "GEO", "AZE", "UKR", "CAN", "MEX", "AUS", "ZAF",
          "EGY", "IRN", "SAU", "ARE");
  private static final List<String> PARTNERS =
      new TreeSet<>(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3))
          .stream().limit(PARTNER_COUNT).toList();
  private static final List<String> HS_CODES = hsCodes();

  private final long count;
  private final long seed;
  private final int months;

  public SyntheticTrade(long count, long seed) {
    this(count, seed, MONTHS / 12);
  }

  /**
   * @param years how many years from {@value #FIRST_YEAR} the records cover (25 by default): fewer
   *     years make denser series and fewer releases for the same count
   */
  public SyntheticTrade(long count, long seed, int years) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be 0 or more, was " + count);
    }
    if (years < 1 || years > MONTHS / 12) {
      throw new IllegalArgumentException("years must be 1 to " + MONTHS / 12 + ", was " + years);
    }
    this.count = count;
    this.seed = seed;
    this.months = years * 12;
  }

  public long count() {
    return count;
  }

  /**
   * The same records grouped as the monthly files an office publishes: each file holds the figures
   * first published for one month, with the late and revised figures of earlier months that come
   * out beside them. Published file by file, each month is released once its file is in, as in a
   * replay of real monthly files. Published as one batch, every month is released only after the
   * last record, so each release recomputes years whose later years are already booked: the
   * benchmark's sparse shape measures that worst case.
   */
  public Iterable<List<TradeRecord>> monthlyFiles() {
    return MonthlyFiles::new;
  }

  /** Cuts the records where a month newer than any before begins. */
  private final class MonthlyFiles implements Iterator<List<TradeRecord>> {
    private final Iterator<TradeRecord> records = iterator();
    private TradeRecord next;
    private int newest = Integer.MIN_VALUE;

    @Override
    public boolean hasNext() {
      return next != null || records.hasNext();
    }

    @Override
    public List<TradeRecord> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      List<TradeRecord> file = new ArrayList<>();
      if (next != null) {
        file.add(next);
        next = null;
      }
      while (records.hasNext()) {
        TradeRecord record = records.next();
        int period = record.getYear() * 12 + (record.getMonth() == null ? 12 : record.getMonth());
        if (period > newest) {
          newest = period;
          if (!file.isEmpty()) {
            next = record;
            return file;
          }
        }
        file.add(record);
      }
      return file;
    }
  }

  /** Index of a reporter in the fixed list (the numeric code the Comtrade file carries). */
  public static int reporterCode(String iso) {
    return REPORTERS.indexOf(iso) + 1;
  }

  /** Index of a partner in the fixed list, from 1 (0 is the World in Comtrade files). */
  public static int partnerCode(String iso) {
    return PARTNERS.indexOf(iso) + 1;
  }

  @Override
  public Iterator<TradeRecord> iterator() {
    Serdes.trustGeneratedClasses();
    return new Generator();
  }

  /** HS4 codes {@code cc01}..{@code cc0k} for chapters 01–97 (77 is reserved), k = 1–4. */
  private static List<String> hsCodes() {
    List<String> codes = new ArrayList<>();
    for (int chapter = 1; chapter <= 97; chapter++) {
      if (chapter == 77) {
        continue;
      }
      for (int heading = 1; heading <= 1 + chapter % 4; heading++) {
        codes.add(String.format("%02d%02d", chapter, heading));
      }
    }
    return List.copyOf(codes);
  }

  private record Deferred(int dueMonth, long sequence, TradeRecord record) {}

  private final class Generator implements Iterator<TradeRecord> {
    private final SplittableRandom random = new SplittableRandom(seed);
    private final int quota = (int) Math.max(1, (count + months - 1) / months);
    private final TradeRecord[] recent = new TradeRecord[RECENT];
    private final Set<String> cellsThisMonth = new HashSet<>();
    private final PriorityQueue<Deferred> late =
        new PriorityQueue<>(
            (a, b) ->
                a.dueMonth() != b.dueMonth()
                    ? Integer.compare(a.dueMonth(), b.dueMonth())
                    : Long.compare(a.sequence(), b.sequence()));
    private final ArrayDeque<TradeRecord> ready = new ArrayDeque<>();
    private long emitted;
    private long recentCount;
    private long sequence;
    private int month;
    private int newInMonth;

    @Override
    public boolean hasNext() {
      return emitted < count;
    }

    @Override
    public TradeRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      emitted++;
      return pick();
    }

    private TradeRecord pick() {
      if (recentCount > 0 && random.nextInt(100) < REVISION_PERCENT) {
        int slot = (int) random.nextLong(Math.min(recentCount, RECENT));
        TradeRecord old = recent[slot];
        // The revised figure replaces the old one in the ring, so a later revision of it is higher.
        TradeRecord revised =
            TradeRecord.newBuilder(old)
                .setRevision(old.getRevision() + 1)
                .setValueUsd(revised(old.getValueUsd()))
                .build();
        recent[slot] = revised;
        return revised;
      }
      TradeRecord first = firstPublication();
      // Each figure sits in the ring once, so its revisions only ever go up.
      recent[(int) (recentCount++ % RECENT)] = first;
      return first;
    }

    private TradeRecord firstPublication() {
      if (!late.isEmpty() && late.peek().dueMonth() <= month) {
        return late.poll().record();
      }
      while (true) {
        if (newInMonth >= quota && month < months - 1) {
          month++;
          newInMonth = 0;
          cellsThisMonth.clear();
          if (!late.isEmpty() && late.peek().dueMonth() <= month) {
            return late.poll().record();
          }
        }
        TradeRecord record = fresh();
        newInMonth++;
        if (random.nextInt(100) < LATE_PERCENT) {
          late.add(new Deferred(month + 1 + random.nextInt(24), sequence++, record));
          continue;
        }
        return record;
      }
    }

    private TradeRecord fresh() {
      int year = FIRST_YEAR + month / 12;
      int calendarMonth = month % 12 + 1;
      for (int attempt = 0; ; attempt++) {
        int reporter = random.nextInt(REPORTERS.size());
        int partner = skewed(PARTNERS.size());
        String reporterIso = REPORTERS.get(reporter);
        String partnerIso = PARTNERS.get(partner);
        if (partnerIso.equals(reporterIso)) {
          continue;
        }
        int hsPick = skewed(HS_CODES.size());
        int kind = random.nextInt(100); // 0-89 HS4, 90-96 HS2 chapter, 97-99 TOTAL
        String hs =
            kind < 90
                ? HS_CODES.get(hsPick)
                : kind < 97 ? HS_CODES.get(hsPick).substring(0, 2) : Keys.TOTAL;
        int f = random.nextInt(20);
        Flow flow = f < 9 ? Flow.X : f < 18 ? Flow.M : f == 18 ? Flow.RX : Flow.RM;
        boolean annual = calendarMonth == 12 && random.nextInt(10) == 0;
        Integer period = annual ? null : calendarMonth;
        String source = reporterIso + "-NSO";
        TradeFigures.Cell cell =
            new TradeFigures.Cell(source, reporterIso, partnerIso, flow, year, period, hs);
        if (!cellsThisMonth.add(cell.recordKey()) && attempt < 100) {
          continue;
        }
        return TradeFigures.of(cell)
            .setValueUsd(value(source, reporterIso, partnerIso, flow, hs, year, period))
            .build();
      }
    }

    /**
     * A figure that moves like trade does: each flow of a product between two countries has its own
     * level (mostly small, a few large: 1 000 USD to ~50 M USD a month, fixed by the cell, so the
     * same for every seed), grows ~3 % a year, swings ±10 % with the seasons and ±15 % at random.
     * Independent random values each month would make every year-over-year comparison jump and
     * raise alerts on most figures, which real data does not.
     */
    private BigDecimal value(
        String source,
        String reporter,
        String partner,
        Flow flow,
        String hs,
        int year,
        Integer month) {
      double u =
          new SplittableRandom(Keys.join(source, reporter, partner, flow, hs).hashCode())
              .nextDouble();
      double level = 1_000 + u * u * u * 50_000_000;
      double trend = Math.pow(1.03, year - FIRST_YEAR);
      double season = month == null ? 12 : 1 + 0.1 * Math.sin(2 * Math.PI * month / 12);
      double noise = 0.85 + 0.3 * random.nextDouble();
      return BigDecimal.valueOf(Math.round(level * trend * season * noise * 100), 2);
    }

    /** A revision moves a figure by up to ±5 %. */
    private BigDecimal revised(BigDecimal old) {
      double factor = 0.95 + 0.1 * random.nextDouble();
      return old.multiply(BigDecimal.valueOf(factor)).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /** An index in [0, n) with most of the mass near 0. */
    private int skewed(int n) {
      double u = random.nextDouble();
      return Math.min(n - 1, (int) (n * u * u * u));
    }
  }
}
