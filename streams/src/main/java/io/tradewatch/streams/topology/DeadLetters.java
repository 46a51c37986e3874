package io.tradewatch.streams.topology;

import io.tradewatch.schemas.DeadLetterHeaders;
import io.tradewatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Routes rejected records to the dead-letter topic with their key and value bytes and headers
 * naming the source topic, partition, offset and reason ({@link DeadLetterHeaders}: the names Kafka
 * Streams' own dead-letter queue uses for records it cannot deserialize, so one consumer reads
 * both).
 */
final class DeadLetters {
  private DeadLetters() {}

  /** Adds the headers that say where a rejected record came from and why. */
  static void describe(Headers headers, RecordMetadata origin, String check, String reason) {
    if (origin != null) {
      headers.add(DeadLetterHeaders.SOURCE_TOPIC, bytes(origin.topic()));
      headers.add(DeadLetterHeaders.SOURCE_PARTITION, bytes(Integer.toString(origin.partition())));
      headers.add(DeadLetterHeaders.SOURCE_OFFSET, bytes(Long.toString(origin.offset())));
    }
    headers.add(DeadLetterHeaders.CHECK, bytes(check));
    headers.add(DeadLetterHeaders.MESSAGE, bytes(reason));
  }

  /**
   * Sends the rejected records of {@code checked} to the dead-letter topic and returns the accepted
   * ones.
   */
  static <T> KStream<String, T> split(
      KStream<String, Checked<T>> checked,
      String name,
      Function<T, byte[]> toBytes,
      Topics topics) {
    return split(checked, name, (key, value) -> key, toBytes, topics);
  }

  /**
   * As {@link #split(KStream, String, Function, Topics)}, with the key of each dead letter taken
   * from the record: {@code keyOf} gets the key the record travels under and its value (which may
   * be null).
   */
  static <T> KStream<String, T> split(
      KStream<String, Checked<T>> checked,
      String name,
      BiFunction<String, T, String> keyOf,
      Function<T, byte[]> toBytes,
      Topics topics) {
    Map<String, KStream<String, Checked<T>>> branches =
        checked
            .split(Named.as(name + "-"))
            .branch((key, value) -> value.isOk(), Branched.as("accepted"))
            .defaultBranch(Branched.as("rejected"));
    branches
        .get(name + "-rejected")
        .map(
            (key, value) ->
                KeyValue.pair(
                    deadLetterKey(keyOf.apply(key, value.value())),
                    value.value() == null ? null : toBytes.apply(value.value())),
            Named.as(name + "-to-bytes"))
        .to(
            topics.deadLetter().name(),
            Produced.with(topics.deadLetter().keySerde(), topics.deadLetter().valueSerde())
                .withName(name + "-dead-letters"));
    return branches.get(name + "-accepted").mapValues(Checked::value, Named.as(name + "-unwrap"));
  }

  private static byte[] deadLetterKey(String key) {
    return key == null ? null : bytes(key);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
