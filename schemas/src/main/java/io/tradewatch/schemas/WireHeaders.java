package io.tradewatch.schemas;

/**
 * The names of the record headers tradewatch writes on the records it publishes, in one place: the
 * producers stamp them, the topology carries them (to its outputs and, copied, to its dead
 * letters), the dashboard and the benchmark read them. The headers only dead letters carry are in
 * {@link DeadLetterHeaders}.
 */
public final class WireHeaders {
  /** The input file a record was read from (on published records and on rejected rows). */
  public static final String FILE = "tw.source.file";

  /** The 1-based line of the input file a record was read from. */
  public static final String LINE = "tw.source.line";

  /**
   * Wall-clock time of publishing, epoch milliseconds as decimal text. The record timestamp is the
   * statistical period, so end-to-end latency is measured from this header, which the topology
   * carries through to its outputs (the latest input that changed an output's year).
   */
  public static final String PUBLISHED_AT = "tw.published-at";

  /**
   * On a monthly trade figure: its producer will publish the release of its month once the figure's
   * file is acknowledged, so the topology may hold the month's outputs until that release instead
   * of writing them as not released first. Any value; its presence is the promise.
   */
  public static final String RELEASE_FOLLOWS = "tw.release-follows";

  private WireHeaders() {}
}
