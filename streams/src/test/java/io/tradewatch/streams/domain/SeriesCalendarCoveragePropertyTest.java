package io.tradewatch.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Property-style check of the coverage rule: random series (booked months, release masks per side,
 * annual records, zeros and values up to 100,000,000,000,000.00) against a reference model written
 * here from the rule itself, in whole cents ({@code long}) with growth rounded half-even by integer
 * division. Every monthly and annual figure must equal the model's value, or be null exactly when
 * the model says so, with the model's reason.
 */
class SeriesCalendarCoveragePropertyTest {

  private static final long SEED = 20_240_611L;
  private static final int CASES = 2_000;
  private static final int FIRST = 2016;
  private static final int LAST = 2023;
  private static final int ALL = (1 << 12) - 1;

  /** 100,000,000,000,000.00 USD in cents. */
  private static final long MAX_CENTS = 10_000_000_000_000_000L;

  /** 10^10 % at four decimals. */
  private static final BigInteger LIMIT_UNSCALED = BigInteger.TEN.pow(14);

  // ---- generated data ----

  /** One side of one generated year: booked cents per month (null: none), releases, record. */
  private static final class GenSide {
    final Long[] booked = new Long[12];
    int released;
    Long annual;

    int bookedMask() {
      int mask = 0;
      for (int m = 1; m <= 12; m++) {
        if (booked[m - 1] != null) {
          mask |= 1 << (m - 1);
        }
      }
      return mask;
    }

    /** A released month's cents: zero when nothing was booked. */
    long cents(int month) {
      Long v = booked[month - 1];
      return v == null ? 0L : v;
    }

    boolean isReleased(int month) {
      return (released & (1 << (month - 1))) != 0;
    }

    @Override
    public String toString() {
      return "booked="
          + java.util.Arrays.toString(booked)
          + " released="
          + Integer.toBinaryString(released)
          + " annual="
          + annual;
    }
  }

  private static final class GenYear {
    final int year;
    final Map<Side, GenSide> sides = new EnumMap<>(Side.class);
    boolean releasedWhereBooked;

    GenYear(int year) {
      this.year = year;
      for (Side side : Side.values()) {
        sides.put(side, new GenSide());
      }
    }

    GenSide side(Side side) {
      return sides.get(side);
    }

    /** The production ledger of this year, built through its public API. */
    YearLedger ledger() {
      YearLedger ledger = YearLedger.empty(year);
      for (Side side : Side.values()) {
        GenSide s = sides.get(side);
        for (int m = 1; m <= 12; m++) {
          if (s.booked[m - 1] != null) {
            ledger = ledger.withMonth(side, m, BigDecimal.valueOf(s.booked[m - 1], 2));
          }
        }
        if (s.annual != null) {
          ledger = ledger.withAnnual(side, BigDecimal.valueOf(s.annual, 2));
        }
      }
      if (releasedWhereBooked) {
        return ledger.releasedWhereBooked();
      }
      for (Side side : Side.values()) {
        ledger = ledger.withReleased(side, sides.get(side).released);
      }
      return ledger;
    }

    @Override
    public String toString() {
      return year + (releasedWhereBooked ? " (released where booked)" : "") + " " + sides;
    }
  }

  private static long cents(Random random) {
    int kind = random.nextInt(20);
    if (kind < 5) {
      return 0L;
    }
    if (kind < 7) {
      return MAX_CENTS - random.nextInt(3); // the extreme valid values
    }
    if (kind < 9) {
      return 1L + (random.nextLong() & Long.MAX_VALUE) % MAX_CENTS; // anywhere up to the extreme
    }
    if (kind < 12) {
      return 1L + random.nextInt(100); // 0.01 - 1.00: bases for out-of-range growth
    }
    if (kind < 14) {
      return 10_000L * (1 + random.nextInt(5)); // few round values: equal figures, 0 % growth
    }
    return random.nextInt(100_000_000); // up to 1,000,000.00
  }

  private static int mask(Random random, int booked) {
    int kind = random.nextInt(10);
    if (kind < 4) {
      return ALL;
    }
    if (kind < 5) {
      return 0;
    }
    if (kind < 7) {
      return (1 << (1 + random.nextInt(12))) - 1; // January to some month
    }
    if (kind < 8) {
      return booked;
    }
    return random.nextInt(ALL + 1);
  }

  private static GenYear year(Random random, int year) {
    GenYear y = new GenYear(year);
    int density = random.nextInt(4); // none, sparse, most, all months booked
    for (Side side : Side.values()) {
      GenSide s = y.side(side);
      for (int m = 1; m <= 12; m++) {
        boolean book =
            switch (density) {
              case 0 -> false;
              case 1 -> random.nextInt(4) == 0;
              case 2 -> random.nextInt(5) != 0;
              default -> true;
            };
        if (book) {
          s.booked[m - 1] = cents(random);
        }
      }
      s.released = mask(random, s.bookedMask());
      if (random.nextInt(6) == 0) {
        s.annual = cents(random);
      }
    }
    y.releasedWhereBooked = random.nextInt(10) == 0;
    if (y.releasedWhereBooked) {
      for (GenSide s : y.sides.values()) {
        s.released = s.bookedMask();
      }
    }
    return y;
  }

  // ---- the reference model ----

  /** A figure in cents, or why there is none. */
  private record Ref(Long cents, String why) {
    static Ref of(long cents) {
      return new Ref(cents, null);
    }

    static Ref none(String why) {
      return new Ref(null, why);
    }

    boolean known() {
      return cents != null;
    }
  }

  /** A growth rate at four decimals (unscaled), or why there is none. */
  private record Pct(BigInteger unscaled, String why) {
    BigDecimal value() {
      return unscaled == null ? null : new BigDecimal(unscaled, 4);
    }
  }

  private static String period(int year, int month) {
    return String.format("%d-%02d", year, month);
  }

  private static String label(Side side) {
    return side == Side.EXPORTS ? "exports" : "imports";
  }

  private static Ref month(GenYear y, Side side, int month) {
    GenSide s = y.side(side);
    return s.isReleased(month)
        ? Ref.of(s.cents(month))
        : Ref.none(label(side) + " of " + period(y.year, month) + " not released");
  }

  /** Months {@code from..to} of a year, each released, or the first that is not. */
  private static Ref window(GenYear y, Side side, int from, int to) {
    long total = 0;
    for (int m = from; m <= to; m++) {
      Ref r = month(y, side, m);
      if (!r.known()) {
        return r;
      }
      total += r.cents();
    }
    return Ref.of(total);
  }

  private static Ref t12m(GenYear before, GenYear current, Side side, int month) {
    Ref head = month == 12 ? Ref.of(0) : window(before, side, month + 1, 12);
    return add(head, window(current, side, 1, month));
  }

  private static Ref add(Ref a, Ref b) {
    if (!a.known()) {
      return a;
    }
    return b.known() ? Ref.of(a.cents() + b.cents()) : b;
  }

  private static Ref subtract(Ref a, Ref b) {
    if (!a.known()) {
      return a;
    }
    return b.known() ? Ref.of(a.cents() - b.cents()) : b;
  }

  /** {@code n / d} rounded half-even, for {@code d > 0}. */
  private static BigInteger divideHalfEven(BigInteger n, BigInteger d) {
    BigInteger[] qr = n.abs().divideAndRemainder(d);
    BigInteger q = qr[0];
    int cmp = qr[1].shiftLeft(1).compareTo(d);
    if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
      q = q.add(BigInteger.ONE);
    }
    return n.signum() < 0 ? q.negate() : q;
  }

  private static Pct bounded(BigInteger unscaled, String what) {
    if (unscaled.abs().compareTo(LIMIT_UNSCALED) >= 0) {
      return new Pct(
          null,
          what
              + " of "
              + new BigDecimal(unscaled, 4).toPlainString()
              + " is beyond what can be represented (10^10)");
    }
    return new Pct(unscaled, null);
  }

  private static Pct rate(Ref current, Ref base, String baseLabel) {
    if (!current.known()) {
      return new Pct(null, current.why());
    }
    if (!base.known()) {
      return new Pct(null, base.why());
    }
    if (base.cents() == 0) {
      return new Pct(null, "no growth from a zero base (" + baseLabel + ")");
    }
    // (current - base) / |base| * 100, at four decimals: the cents cancel
    BigInteger n =
        BigInteger.valueOf(current.cents())
            .subtract(BigInteger.valueOf(base.cents()))
            .multiply(BigInteger.valueOf(1_000_000));
    return bounded(divideHalfEven(n, BigInteger.valueOf(Math.abs(base.cents()))), "growth");
  }

  private static MonthFigures expectedMonth(
      GenYear twoBefore, GenYear before, GenYear current, int m) {
    Map<String, String> why = new LinkedHashMap<>();
    String sameMonth = period(before.year, m);
    Ref x = month(current, Side.EXPORTS, m);
    Ref i = month(current, Side.IMPORTS, m);
    Ref ytdX = window(current, Side.EXPORTS, 1, m);
    Ref ytdI = window(current, Side.IMPORTS, 1, m);
    Ref t12X = t12m(before, current, Side.EXPORTS, m);
    Ref t12I = t12m(before, current, Side.IMPORTS, m);
    Ref prevT12 =
        add(t12m(twoBefore, before, Side.EXPORTS, m), t12m(twoBefore, before, Side.IMPORTS, m));
    Ref baseX = month(before, Side.EXPORTS, m);
    Ref baseI = month(before, Side.IMPORTS, m);
    Ref baseYtdX = window(before, Side.EXPORTS, 1, m);
    Ref baseYtdI = window(before, Side.IMPORTS, 1, m);
    return new MonthFigures(
        current.year,
        m,
        usd("exportsUsd", x, why),
        usd("importsUsd", i, why),
        usd("turnoverUsd", add(x, i), why),
        usd("balanceUsd", subtract(x, i), why),
        usd("ytdExportsUsd", ytdX, why),
        usd("ytdImportsUsd", ytdI, why),
        usd("ytdTurnoverUsd", add(ytdX, ytdI), why),
        usd("t12mExportsUsd", t12X, why),
        usd("t12mImportsUsd", t12I, why),
        usd("t12mTurnoverUsd", add(t12X, t12I), why),
        pct("exportsYoyPct", rate(x, baseX, sameMonth), why),
        pct("importsYoyPct", rate(i, baseI, sameMonth), why),
        pct("turnoverYoyPct", rate(add(x, i), add(baseX, baseI), sameMonth), why),
        pct("ytdExportsYoyPct", rate(ytdX, baseYtdX, "YTD " + sameMonth), why),
        pct("ytdImportsYoyPct", rate(ytdI, baseYtdI, "YTD " + sameMonth), why),
        pct(
            "ytdTurnoverYoyPct",
            rate(add(ytdX, ytdI), add(baseYtdX, baseYtdI), "YTD " + sameMonth),
            why),
        pct("t12mTurnoverYoyPct", rate(add(t12X, t12I), prevT12, "T12M to " + sameMonth), why),
        Integer.bitCount(current.side(Side.EXPORTS).released & ((1 << m) - 1)),
        Integer.bitCount(current.side(Side.IMPORTS).released & ((1 << m) - 1)),
        why);
  }

  private static BigDecimal usd(String field, Ref r, Map<String, String> why) {
    if (!r.known()) {
      why.put(field, r.why());
      return null;
    }
    return BigDecimal.valueOf(r.cents(), 2);
  }

  private static BigDecimal pct(String field, Pct p, Map<String, String> why) {
    if (p.why() != null) {
      why.put(field, p.why());
    }
    return p.value();
  }

  private static AnnualValue annualValue(GenYear y, Side side) {
    GenSide s = y.side(side);
    int covered = Integer.bitCount(s.released);
    if (s.annual != null) {
      return new AnnualValue(BigDecimal.valueOf(s.annual, 2), Basis.ANNUAL_RECORD, true, covered);
    }
    if (covered == 0) {
      return new AnnualValue(BigDecimal.valueOf(0, 2), Basis.NONE, false, 0);
    }
    long total = 0;
    for (int m = 1; m <= 12; m++) {
      if (s.isReleased(m)) {
        total += s.cents(m);
      }
    }
    return new AnnualValue(BigDecimal.valueOf(total, 2), Basis.PERIOD_SUM, covered == 12, covered);
  }

  /** A side's whole-year figure, or why the year is not whole. */
  private static Ref whole(GenYear y, Side side) {
    GenSide s = y.side(side);
    if (s.annual != null) {
      return Ref.of(s.annual);
    }
    int covered = Integer.bitCount(s.released);
    if (covered == 0) {
      return Ref.none(label(side) + " of " + y.year + " not released");
    }
    for (int m = 1; m <= 12; m++) {
      if (!s.isReleased(m)) {
        return Ref.none(
            label(side)
                + " of "
                + y.year
                + " released for "
                + covered
                + " of 12 months (first missing "
                + period(y.year, m)
                + ")");
      }
    }
    return Ref.of(window(y, side, 1, 12).cents());
  }

  /**
   * The expected annual figures, except the CAGR value (an irrational root; checked by {@link
   * #assertCagrRounds}), which is copied from {@code actual} when the model expects one.
   */
  private static AnnualFigures expectedAnnual(
      GenYear current, GenYear before, GenYear span, AnnualFigures actual) {
    Map<String, String> why = new LinkedHashMap<>();
    Ref x = whole(current, Side.EXPORTS);
    Ref i = whole(current, Side.IMPORTS);
    Ref px = whole(before, Side.EXPORTS);
    Ref pi = whole(before, Side.IMPORTS);
    Ref turnover = add(x, i);
    Ref spanBase = add(whole(span, Side.EXPORTS), whole(span, Side.IMPORTS));
    String last = Integer.toString(before.year);

    Pct multiple;
    Pct cagr;
    if (!turnover.known()) {
      multiple = new Pct(null, turnover.why());
      cagr = multiple;
    } else if (!spanBase.known()) {
      multiple = new Pct(null, spanBase.why());
      cagr = multiple;
    } else {
      multiple =
          spanBase.cents() <= 0
              ? new Pct(null, "no multiple of a zero base (" + span.year + ")")
              : bounded(
                  divideHalfEven(
                      BigInteger.valueOf(turnover.cents()).multiply(BigInteger.valueOf(10_000)),
                      BigInteger.valueOf(spanBase.cents())),
                  "5-year multiple");
      cagr =
          turnover.cents() <= 0 || spanBase.cents() <= 0
              ? new Pct(null, "no CAGR between " + span.year + " and a zero figure")
              : new Pct(
                  actual.turnoverCagr5yPct() == null
                      ? null
                      : actual.turnoverCagr5yPct().unscaledValue(),
                  actual.turnoverCagr5yPct() == null ? "(model expects a CAGR)" : null);
    }
    AnnualFigures expected =
        new AnnualFigures(
            current.year,
            annualValue(current, Side.EXPORTS),
            annualValue(current, Side.IMPORTS),
            Integer.bitCount(
                current.side(Side.EXPORTS).bookedMask() | current.side(Side.IMPORTS).bookedMask()),
            pct("exportsYoyPct", rate(x, px, last), why),
            pct("importsYoyPct", rate(i, pi, last), why),
            pct("turnoverYoyPct", rate(turnover, add(px, pi), last), why),
            pct("turnoverMultiple5y", multiple, why),
            pct("turnoverCagr5yPct", cagr, why),
            why);
    if (cagr.unscaled() != null) {
      assertCagrRounds(cagr.value(), turnover.cents(), spanBase.cents());
    }
    return expected;
  }

  /**
   * A CAGR {@code c} at four decimals rounds the exact rate: {@code base * (1 + (c -
   * 0.00005)/100)^5 <= turnover <= base * (1 + (c + 0.00005)/100)^5}, in exact decimal arithmetic.
   */
  private static void assertCagrRounds(BigDecimal c, long turnover, long base) {
    BigDecimal half = new BigDecimal("0.00005");
    BigDecimal lo = BigDecimal.ONE.add(c.subtract(half).movePointLeft(2));
    BigDecimal hi = BigDecimal.ONE.add(c.add(half).movePointLeft(2));
    BigDecimal b = BigDecimal.valueOf(base);
    BigDecimal t = BigDecimal.valueOf(turnover);
    assertThat(b.multiply(lo.pow(SeriesCalendar.MULTI_YEAR_SPAN)))
        .as("CAGR %s too high for %s -> %s", c, base, turnover)
        .isLessThanOrEqualTo(t);
    assertThat(b.multiply(hi.pow(SeriesCalendar.MULTI_YEAR_SPAN)))
        .as("CAGR %s too low for %s -> %s", c, base, turnover)
        .isGreaterThanOrEqualTo(t);
  }

  // ---- the property ----

  @Test
  void givenRandomSeriesAndReleases_whenMonthlyAndAnnualFigures_thenEqualTheReferenceModel() {
    Random random = new Random(SEED);
    Map<String, Integer> seen = new TreeMap<>();

    for (int c = 0; c < CASES; c++) {
      Map<Integer, GenYear> years = new TreeMap<>();
      for (int y = FIRST; y <= LAST; y++) {
        years.put(y, year(random, y));
      }
      Map<Integer, YearLedger> ledgers = new TreeMap<>();
      years.forEach((y, g) -> ledgers.put(y, g.ledger()));
      String scenario = "case " + c + " (seed " + SEED + "): " + years.values();

      for (int y = LAST - 2; y <= LAST; y++) {
        for (int m = 1; m <= 12; m++) {
          MonthFigures actual;
          try {
            actual =
                SeriesCalendar.month(m, ledgers.get(y - 2), ledgers.get(y - 1), ledgers.get(y));
          } catch (RuntimeException e) {
            throw new AssertionError(period(y, m) + " threw in " + scenario, e);
          }
          MonthFigures expected =
              expectedMonth(years.get(y - 2), years.get(y - 1), years.get(y), m);
          if (!expected.equals(actual)) {
            assertThat(actual).as(period(y, m) + " in " + scenario).isEqualTo(expected);
          }
          tally(seen, "month", expected.nullReasons());
          if (expected.t12mTurnover() != null) {
            seen.merge("month t12mTurnover known", 1, Integer::sum);
          }
          if (expected.ytdTurnoverYoyPct() != null) {
            seen.merge("month ytdTurnoverYoyPct known", 1, Integer::sum);
          }
        }

        AnnualFigures actual;
        try {
          actual =
              SeriesCalendar.annual(
                  ledgers.get(y),
                  ledgers.get(y - 1),
                  ledgers.get(y - SeriesCalendar.MULTI_YEAR_SPAN));
        } catch (RuntimeException e) {
          throw new AssertionError(y + " annual threw in " + scenario, e);
        }
        AnnualFigures expected =
            expectedAnnual(
                years.get(y),
                years.get(y - 1),
                years.get(y - SeriesCalendar.MULTI_YEAR_SPAN),
                actual);
        if (!expected.equals(actual)) {
          assertThat(actual).as(y + " annual in " + scenario).isEqualTo(expected);
        }
        tally(seen, "annual", expected.nullReasons());
        if (expected.turnoverCagr5yPct() != null) {
          seen.merge("annual cagr known", 1, Integer::sum);
        }
        if (expected.turnoverYoyPct() != null) {
          seen.merge("annual turnoverYoyPct known", 1, Integer::sum);
        }
      }
    }

    // the generator reaches every branch of the rule, often
    assertThat(seen)
        .as("branches exercised: %s", seen)
        .hasEntrySatisfying("month not released", n -> assertThat(n).isGreaterThan(1_000))
        .hasEntrySatisfying("month zero base", n -> assertThat(n).isGreaterThan(1_000))
        .hasEntrySatisfying("month beyond 10^10", n -> assertThat(n).isGreaterThan(1_000))
        .hasEntrySatisfying("month t12mTurnover known", n -> assertThat(n).isGreaterThan(1_000))
        .hasEntrySatisfying(
            "month ytdTurnoverYoyPct known", n -> assertThat(n).isGreaterThan(1_000))
        .hasEntrySatisfying("annual incomplete", n -> assertThat(n).isGreaterThan(100))
        .hasEntrySatisfying("annual zero base", n -> assertThat(n).isGreaterThan(100))
        .hasEntrySatisfying("annual beyond 10^10", n -> assertThat(n).isGreaterThan(100))
        .hasEntrySatisfying("annual turnoverYoyPct known", n -> assertThat(n).isGreaterThan(100))
        .hasEntrySatisfying("annual cagr known", n -> assertThat(n).isGreaterThan(100));
  }

  private static void tally(Map<String, Integer> seen, String kind, Map<String, String> why) {
    for (String reason : why.values()) {
      String branch;
      if (reason.endsWith("not released")) {
        branch = "not released";
      } else if (reason.contains("released for")) {
        branch = "incomplete";
      } else if (reason.startsWith("no growth from a zero base")
          || reason.startsWith("no multiple")
          || reason.startsWith("no CAGR")) {
        branch = "zero base";
      } else if (reason.endsWith("(10^10)")) {
        branch = "beyond 10^10";
      } else {
        fail("unexpected reason: " + reason);
        return;
      }
      seen.merge(kind + " " + branch, 1, Integer::sum);
    }
  }
}
