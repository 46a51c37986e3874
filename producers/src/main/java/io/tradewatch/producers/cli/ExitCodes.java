package io.tradewatch.producers.cli;

/** Exit codes of every tradewatch command, one table for all of them. */
public final class ExitCodes {
  /** Done; every row published or every figure computed. */
  public static final int OK = 0;

  /** Failed: a file or the cluster could not be used; the message says which. */
  public static final int FAILURE = 1;

  /** Wrong options or arguments, found before anything started. */
  public static final int USAGE = 2;

  /** Finished, but rows or records were rejected (dead-lettered or reported by file and line). */
  public static final int ROWS_REJECTED = 3;

  /** A replay's outputs differ from the live outputs. */
  public static final int DIFFERENCES = 4;

  /** Kafka stayed unreachable or silent past the timeout; a rerun publishes what is missing. */
  public static final int KAFKA_UNAVAILABLE = 5;

  private ExitCodes() {}
}
