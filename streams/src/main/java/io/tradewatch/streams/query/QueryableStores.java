package io.tradewatch.streams.query;

import java.util.Set;

/**
 * The state stores of the topology that readers (the dashboard, the local pipeline) may query, by
 * name. The names also name the stores' changelog topics and their state on disk: changing one
 * loses that state, so they never change.
 */
public final class QueryableStores {
  /** {@code source|reporter|partner|hsGroup|YYYY-MM} → {@code TradeMonthly}. */
  public static final String MONTHLY = "trade-monthly-figures";

  /** {@code source|reporter|partner|hsGroup|YYYY} → {@code TradeAnnual}. */
  public static final String ANNUAL = "trade-annual-figures";

  /** {@code targetId|YYYY} → {@code TargetProgress}. */
  public static final String TARGET = "target-progress-figures";

  /** {@code source|reporter|counterpart|direction|measure|YYYY} → {@code FdiAnnual}. */
  public static final String FDI = "fdi-annual-figures";

  /** {@code exporterSource|exporter|importerSource|importer|hsGroup|YYYY} → {@code MirrorGap}. */
  public static final String MIRROR = "mirror-gap-figures";

  /** Open alert id {@code rule|subject|period} → {@code Alert}, while it is raised. */
  public static final String OPEN_ALERTS = "open-alerts";

  /** Every queryable store. */
  public static final Set<String> ALL = Set.of(MONTHLY, ANNUAL, TARGET, FDI, MIRROR, OPEN_ALERTS);

  private QueryableStores() {}
}
