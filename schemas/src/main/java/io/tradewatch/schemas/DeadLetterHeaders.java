package io.tradewatch.schemas;

/**
 * The names of the headers of dead-letter records, in one place: the producers, the topology, its
 * exception handlers, the alert webhook and the readers of the dead-letter topic all use these. A
 * dead letter also keeps the {@link WireHeaders} of the record it was (file and line of its row).
 *
 * <p>The {@code __streams.errors.*} names are those Kafka Streams' own dead-letter queue uses
 * (KIP-1034), so one consumer reads the records Kafka Streams could not deserialize, the records
 * the topology rejected and the rows the producers rejected alike.
 */
public final class DeadLetterHeaders {
  /** What every name Kafka Streams' dead-letter queue writes starts with. */
  public static final String STREAMS_ERRORS_PREFIX = "__streams.errors.";

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

  /** Why the producers rejected an input row, or why the alert webhook could not deliver. */
  public static final String REASON = "tw.reason";

  /** The webhook an undelivered alert was for. */
  public static final String WEBHOOK_URL = "tw.webhook.url";

  private DeadLetterHeaders() {}
}
