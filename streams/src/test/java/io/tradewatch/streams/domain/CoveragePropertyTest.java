package io.tradewatch.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated series with random gaps, zero months, extreme valid values and random releases: every
 * figure equals a straightforward recomputation from the released months, or is null exactly when a
 * month of its window (or its base) is not released, with a reason; nothing throws.
 */
class CoveragePropertyTest {
  private static final int CASES = 2000;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal LIMIT = new BigDecimal("10000000000");

  /** One side of one year as generated: booked values (null: none) and released months. */
  private record Side12(BigDecimal[] booked, boolean[] released) {
    /** The month's value when released: its booked figure or zero; null when not released. */
    BigDecimal value(int month) {
      if (!released[month - 1]) {
        return null;
      }
      return booked[month - 1] == null ? new BigDecimal("0.00") : booked[month - 1];
    }

    /** Sum over months {@code from..to}, null when one of them is not released. */
    BigDecimal sum(int from, int to) {
      BigDecimal total = new BigDecimal("0.00");
      for (int m = from; m <= to; m++) {
        BigDecimal v = value(m);
        if (v == null) {
          return null;
        }
        total = total.add(v);
      }
      return total;
    }
  }

  private static BigDecimal amount(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> new BigDecimal("0.00");
      case 1 -> new BigDecimal("100000000000000.00"); // the largest figure accepted
      case 2 -> new BigDecimal("0.01");
      default -> BigDecimal.valueOf(random.nextInt(1_000_000_000), 2);
    };
  }

  private static Side12 side(Random random) {
    BigDecimal[] booked = new BigDecimal[12];
    boolean[] released = new boolean[12];
    boolean gappy = random.nextBoolean();
    for (int m = 0; m < 12; m++) {
      booked[m] = random.nextInt(4) == 0 ? null : amount(random);
      released[m] = !gappy || random.nextInt(4) != 0;
    }
    return new Side12(booked, released);
  }

  private static YearLedger ledger(int year, Side12 exports, Side12 imports) {
    YearLedger ledger = YearLedger.empty(year);
    int[] masks = new int[2];
    Side12[] sides = {exports, imports};
    Side[] names = {Side.EXPORTS, Side.IMPORTS};
    for (int s = 0; s < 2; s++) {
      for (int m = 1; m <= 12; m++) {
        if (sides[s].booked[m - 1] != null) {
          ledger = ledger.withMonth(names[s], m, sides[s].booked[m - 1]);
        }
        if (sides[s].released[m - 1]) {
          masks[s] |= 1 << (m - 1);
        }
      }
      ledger = ledger.withReleased(names[s], masks[s]);
    }
    return ledger;
  }

  private static BigDecimal plus(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? null : a.add(b);
  }

  /** Percent change as published, or null for an unknown figure, a zero base or out of range. */
  private static BigDecimal growth(BigDecimal current, BigDecimal base) {
    if (current == null || base == null || base.signum() == 0) {
      return null;
    }
    BigDecimal pct =
        current.subtract(base).multiply(HUNDRED).divide(base.abs(), 4, RoundingMode.HALF_EVEN);
    return pct.abs().compareTo(LIMIT) >= 0 ? null : pct;
  }

  private static void assertFigure(
      String field, BigDecimal actual, BigDecimal expected, MonthFigures f) {
    assertThat(actual).as("%s of %d-%02d", field, f.year(), f.month()).isEqualTo(expected);
    if (expected == null) {
      assertThat(f.nullReasons()).as("reason for %s", field).containsKey(field);
    } else {
      assertThat(f.nullReasons()).as("no reason for %s", field).doesNotContainKey(field);
    }
  }

  @Test
  void givenRandomSeries_whenEveryMonthIsComputed_thenEachFigureIsTheRecomputationOrNull() {
    Random random = new Random(20261202L);
    int[] t12m = new int[2];
    int[] growthOutOfRange = new int[1];
    for (int c = 0; c < CASES; c++) {
      Side12[] x = {side(random), side(random), side(random)};
      Side12[] m = {side(random), side(random), side(random)};
      YearLedger twoBefore = ledger(2021, x[0], m[0]);
      YearLedger before = ledger(2022, x[1], m[1]);
      YearLedger current = ledger(2023, x[2], m[2]);

      for (int month = 1; month <= 12; month++) {
        MonthFigures f = SeriesCalendar.month(month, twoBefore, before, current);

        BigDecimal ex = x[2].value(month);
        BigDecimal im = m[2].value(month);
        BigDecimal ytdX = x[2].sum(1, month);
        BigDecimal ytdM = m[2].sum(1, month);
        BigDecimal t12X = month == 12 ? ytdX : plus(x[1].sum(month + 1, 12), ytdX);
        BigDecimal t12M = month == 12 ? ytdM : plus(m[1].sum(month + 1, 12), ytdM);
        BigDecimal prevT12 =
            plus(
                month == 12 ? x[1].sum(1, 12) : plus(x[0].sum(month + 1, 12), x[1].sum(1, month)),
                month == 12 ? m[1].sum(1, 12) : plus(m[0].sum(month + 1, 12), m[1].sum(1, month)));

        t12m[t12X == null ? 0 : 1]++;
        if (f.nullReasons().getOrDefault("exportsYoyPct", "").contains("beyond")) {
          growthOutOfRange[0]++;
        }
        assertFigure("exportsUsd", f.exports(), ex, f);
        assertFigure("importsUsd", f.imports(), im, f);
        assertFigure("turnoverUsd", f.turnover(), plus(ex, im), f);
        assertFigure(
            "balanceUsd", f.balance(), ex == null || im == null ? null : ex.subtract(im), f);
        assertFigure("ytdExportsUsd", f.ytdExports(), ytdX, f);
        assertFigure("ytdImportsUsd", f.ytdImports(), ytdM, f);
        assertFigure("ytdTurnoverUsd", f.ytdTurnover(), plus(ytdX, ytdM), f);
        assertFigure("t12mExportsUsd", f.t12mExports(), t12X, f);
        assertFigure("t12mImportsUsd", f.t12mImports(), t12M, f);
        assertFigure("t12mTurnoverUsd", f.t12mTurnover(), plus(t12X, t12M), f);
        assertFigure("exportsYoyPct", f.exportsYoyPct(), growth(ex, x[1].value(month)), f);
        assertFigure("importsYoyPct", f.importsYoyPct(), growth(im, m[1].value(month)), f);
        assertFigure(
            "turnoverYoyPct",
            f.turnoverYoyPct(),
            growth(plus(ex, im), plus(x[1].value(month), m[1].value(month))),
            f);
        assertFigure("ytdExportsYoyPct", f.ytdExportsYoyPct(), growth(ytdX, x[1].sum(1, month)), f);
        assertFigure("ytdImportsYoyPct", f.ytdImportsYoyPct(), growth(ytdM, m[1].sum(1, month)), f);
        assertFigure(
            "ytdTurnoverYoyPct",
            f.ytdTurnoverYoyPct(),
            growth(plus(ytdX, ytdM), plus(x[1].sum(1, month), m[1].sum(1, month))),
            f);
        assertFigure(
            "t12mTurnoverYoyPct", f.t12mTurnoverYoyPct(), growth(plus(t12X, t12M), prevT12), f);
      }

      AnnualFigures a = SeriesCalendar.annual(current, before, YearLedger.empty(2018));
      BigDecimal yearX = x[2].sum(1, 12);
      BigDecimal yearM = m[2].sum(1, 12);
      assertThat(a.exports().complete()).isEqualTo(yearX != null);
      assertThat(a.imports().complete()).isEqualTo(yearM != null);
      assertThat(a.exportsYoyPct()).isEqualTo(growth(yearX, x[1].sum(1, 12)));
      assertThat(a.importsYoyPct()).isEqualTo(growth(yearM, m[1].sum(1, 12)));
      assertThat(a.turnoverYoyPct())
          .isEqualTo(growth(plus(yearX, yearM), plus(x[1].sum(1, 12), m[1].sum(1, 12))));
      BigDecimal releasedSum = new BigDecimal("0.00");
      for (int month = 1; month <= 12; month++) {
        if (x[2].value(month) != null) {
          releasedSum = releasedSum.add(x[2].value(month));
        }
      }
      if (a.exports().basis() != Basis.NONE) {
        assertThat(a.exports().value())
            .as("an annual sum over released months only")
            .isEqualTo(releasedSum);
      }
    }
    assertThat(t12m[0]).as("the generator makes uncovered windows").isGreaterThan(100);
    assertThat(t12m[1]).as("and covered ones").isGreaterThan(100);
    assertThat(growthOutOfRange[0]).as("and growth beyond what can be represented").isPositive();
  }
}
