package io.tradewatch.streams.domain;

/** The two sides of a reporter's trade with a partner. */
public enum Side {
  /** The reporter's exports to the partner (flow X). */
  EXPORTS,
  /** The reporter's imports from the partner (flow M). */
  IMPORTS
}
