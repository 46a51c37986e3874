package io.tradewatch.streams.topology;

import java.time.Duration;

/**
 * How long one emission of {@link TradeLedger} works, at most, on each of its two parts: the years
 * of pending releases, and the years changed by figures (and by overdue releases). Each part does
 * at least one year per emission, and carries the rest to the next. Both defaults stay well inside
 * Kafka Streams' transaction timeout (10 s) and the consumer's poll interval (5 min): a backlog's
 * emission folds ten intervals of input, and a replay read at tens of thousands of records per
 * second changes more years in that time than an emission recomputes in 10 s.
 *
 * @param releases the release part's time
 * @param figures the figure part's time
 */
record EmissionBudget(Duration releases, Duration figures) {
  static final EmissionBudget DEFAULT =
      new EmissionBudget(Duration.ofSeconds(2), Duration.ofSeconds(2));

  EmissionBudget {
    if (releases.isNegative() || figures.isNegative()) {
      throw new IllegalArgumentException(
          "budgets must not be negative: " + releases + ", " + figures);
    }
  }
}
