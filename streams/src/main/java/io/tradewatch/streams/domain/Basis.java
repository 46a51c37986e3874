package io.tradewatch.streams.domain;

/** Where an annual figure comes from. */
public enum Basis {
  /** The source's own annual record: it wins over the sum of its monthly records. */
  ANNUAL_RECORD,
  /**
   * The sum of the source's monthly (trade) or quarterly (FDI) records of that year, possibly
   * partial.
   */
  PERIOD_SUM,
  /** Nothing reported for that year. */
  NONE
}
