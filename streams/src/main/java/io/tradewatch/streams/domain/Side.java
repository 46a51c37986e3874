package io.tradewatch.streams.domain;

/** The two sides of a reporter's trade with a partner. */
public enum Side {
  /** The reporter's exports to the partner (flow X). */
  EXPORTS,
  /** The reporter's imports from the partner (flow M). */
  IMPORTS;

  /** The side in a sentence: "exports", "imports". */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
