package io.tradewatch.producers.publish;

import java.io.IOException;

/**
 * Kafka did not answer within the delivery timeout: the broker is down or unreachable, or a topic
 * is missing. The records confirmed before are in the topic; rerunning the same file is safe.
 */
public final class KafkaUnavailableException extends IOException {
  public KafkaUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
