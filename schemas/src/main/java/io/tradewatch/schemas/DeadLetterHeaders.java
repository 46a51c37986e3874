package io.tradewatch.schemas;

/**
 * The names of the record headers tradewatch writes, in one place: the producers, the topology, its
 * exception handlers and the readers of the dead-letter topic all use these.
 *
 * <p>The {@code __streams.errors.*} names are those Kafka Streams' own dead-letter queue uses
 * (KIP-1034), so one consumer reads the records Kafka Streams could not deserialize, the records
 * the topology rejected and the rows the producers rejected alike.
 */
public final class DeadLetterHeaders {
  /** Topic of the record that was rejected. */
  public static final String SOURCE_TOPIC = "__streams.errors.topic";

  public static final String SOURCE_PARTITION = "__streams.errors.partition";
  public static final String SOURCE_OFFSET = "__streams.errors.offset";

  /**
   * What rejected the record: the topology's check ({@code invalid-record}, {@code stale-revision},
   * {@code processing-error}, ...) or the class of the exception Kafka Streams caught.
   */
  public static final String CHECK = "__streams.errors.exception";

  /** Why, as a sentence for a person. */
  public static final String MESSAGE = "__streams.errors.message";

  /** The input file a record was read from (on published records and on rejected rows). */
  public static final String FILE = "tw.source.file";

  /** The 1-based line of the input file a record was read from. */
  public static final String LINE = "tw.source.line";

  /** Why the producers rejected an input row. */
  public static final String REASON = "tw.reason";

  /** Wall-clock time of publishing, epoch milliseconds as decimal text. */
  public static final String PUBLISHED_AT = "tw.published-at";

  private DeadLetterHeaders() {}
}
