package io.tradewatch.streams.app;

import io.tradewatch.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net under the topology: an exception while processing one record (a figure that does
 * not fit its Avro decimal, an arithmetic surprise, a bug), or while serializing one output record,
 * sends the input record that caused it to the dead-letter topic and processing goes on with the
 * next record. Without it Kafka Streams kills the stream thread, the replacement thread meets the
 * same record again, and nothing after it is ever processed.
 *
 * <p>The dead letter has the input record's key and value bytes, its headers (so the producers'
 * file and line stay attached) and the headers of the topology's own dead letters ({@link
 * DeadLetterHeaders}): {@code processing-error} or {@code output-serialization-error} as the check
 * (the {@code tradewatch_records_rejected_total} reason) and a message naming the exception.
 *
 * <p>Errors sending to Kafka are not record errors: they keep Kafka Streams' default handling.
 */
public final class DeadLetterExceptionHandler
    implements ProcessingExceptionHandler, ProductionExceptionHandler {
  public static final String PROCESSING_ERROR = "processing-error";
  public static final String SERIALIZATION_ERROR = "output-serialization-error";

  /** Longest exception message kept in a dead letter's reason. */
  static final int MESSAGE_LIMIT = 300;

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

  private final DefaultProductionExceptionHandler sendErrors =
      new DefaultProductionExceptionHandler();
  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    if (topic == null || topic.toString().isBlank()) {
      throw new IllegalArgumentException(
          StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
              + " is not set; "
              + getClass().getSimpleName()
              + " needs the dead-letter topic");
    }
    deadLetterTopic = topic.toString();
    sendErrors.configure(configs);
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    String reason = reason(PROCESSING_ERROR, exception);
    LOG.warn(
        "Record {}-{}@{} dead-lettered: {} (processor {})",
        context.topic(),
        context.partition(),
        context.offset(),
        reason,
        context.processorNodeId(),
        exception);
    return ProcessingExceptionHandler.Response.resume(
        List.of(deadLetter(context, PROCESSING_ERROR, reason)));
  }

  @Override
  public ProductionExceptionHandler.Response handleSerializationError(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    String reason =
        reason(SERIALIZATION_ERROR, exception)
            + " (the "
            + origin.name().toLowerCase(java.util.Locale.ROOT)
            + " of an output record for "
            + record.topic()
            + ")";
    LOG.warn(
        "Record {}-{}@{} dead-lettered: {}",
        context.topic(),
        context.partition(),
        context.offset(),
        reason,
        exception);
    return ProductionExceptionHandler.Response.resume(
        List.of(deadLetter(context, SERIALIZATION_ERROR, reason)));
  }

  @Override
  public ProductionExceptionHandler.Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    return sendErrors.handleError(context, record, exception);
  }

  /** {@code processing-error: ArithmeticException: Overflow}, the message cut short. */
  static String reason(String check, Exception exception) {
    String message = exception.getMessage();
    if (message != null && message.length() > MESSAGE_LIMIT) {
      message = message.substring(0, MESSAGE_LIMIT) + "…";
    }
    return check
        + ": "
        + exception.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + message);
  }

  private ProducerRecord<byte[], byte[]> deadLetter(
      ErrorHandlerContext context, String check, String reason) {
    RecordHeaders headers = new RecordHeaders();
    if (context.headers() != null) {
      for (Header h : context.headers()) {
        if (!h.key().startsWith(DeadLetterHeaders.STREAMS_ERRORS_PREFIX)) {
          headers.add(h);
        }
      }
    }
    // A punctuation has no input record: no topic, partition or offset to name.
    if (context.topic() != null) {
      headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(context.topic()));
      headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(context.partition())));
      headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(context.offset())));
    }
    headers.add(DeadLetterHeaders.CHECK, utf8(check));
    headers.add(DeadLetterHeaders.MESSAGE, utf8(reason));
    return new ProducerRecord<>(
        deadLetterTopic, null, context.sourceRawKey(), context.sourceRawValue(), headers);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
