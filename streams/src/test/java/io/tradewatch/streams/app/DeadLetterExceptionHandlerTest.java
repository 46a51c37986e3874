package io.tradewatch.streams.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.schemas.DeadLetterHeaders;
import io.tradewatch.schemas.Topics;
import io.tradewatch.schemas.WireHeaders;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings' exception handlers, on a small topology whose processor throws for one value and
 * whose output serializer cannot encode another: the record goes to the dead-letter topic with the
 * reason, and the records after it are still processed.
 */
class DeadLetterExceptionHandlerTest {
  private static final String IN = "tradewatch.test-in";
  private static final String OUT = "tradewatch.test-out";

  @TempDir Path state;

  private final Topics topics = Topics.defaults();

  /** Upper-cases values; throws for "boom"; its output serializer cannot encode "HUGE". */
  private static Topology topology() {
    Serde<String> picky =
        Serdes.serdeFrom(
            (topic, value) -> {
              if ("HUGE".equals(value)) {
                throw new org.apache.avro.AvroTypeException(
                    "Cannot encode decimal with precision 33 as max precision 20");
              }
              return value.getBytes(UTF_8);
            },
            new StringDeserializer());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(IN, Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues(
            value -> {
              if (value.equals("boom")) {
                throw new IllegalStateException("no figure for 'boom'");
              }
              return value.toUpperCase(Locale.ROOT);
            })
        .to(OUT, Produced.with(Serdes.String(), picky));
    return builder.build();
  }

  private TopologyTestDriver driver() {
    return new TopologyTestDriver(
        topology(),
        StreamsSettings.defaults("unused:9092", state)
            .withProcessingGuarantee("at_least_once")
            .toProperties());
  }

  @Test
  void
      givenAProcessorThatThrows_whenARecordMakesItThrow_thenItIsDeadLetteredAndTheNextIsProcessed() {
    try (TopologyTestDriver driver = driver()) {
      TestInputTopic<String, String> in =
          driver.createInputTopic(IN, new StringSerializer(), new StringSerializer());
      TestOutputTopic<String, String> out =
          driver.createOutputTopic(OUT, new StringDeserializer(), new StringDeserializer());
      TestOutputTopic<byte[], byte[]> dead =
          driver.createOutputTopic(
              topics.deadLetter().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
      RecordHeaders headers = new RecordHeaders();
      headers.add(WireHeaders.FILE, "trade.csv".getBytes(UTF_8));
      headers.add(WireHeaders.LINE, "7".getBytes(UTF_8));

      in.pipeInput("k1", "first");
      in.pipeInput(new TestRecord<>("k2", "boom", headers));
      in.pipeInput("k3", "after");

      assertThat(out.readValuesToList()).containsExactly("FIRST", "AFTER");
      List<TestRecord<byte[], byte[]>> letters = dead.readRecordsToList();
      assertThat(letters).hasSize(1);
      TestRecord<byte[], byte[]> letter = letters.get(0);
      assertThat(new String(letter.key(), UTF_8)).isEqualTo("k2");
      assertThat(new String(letter.value(), UTF_8)).isEqualTo("boom");
      assertThat(header(letter, DeadLetterHeaders.CHECK)).isEqualTo("processing-error");
      assertThat(header(letter, DeadLetterHeaders.MESSAGE))
          .isEqualTo("processing-error: IllegalStateException: no figure for 'boom'");
      assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(IN);
      assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
      assertThat(header(letter, WireHeaders.FILE)).isEqualTo("trade.csv");
      assertThat(header(letter, WireHeaders.LINE)).isEqualTo("7");
    }
  }

  @Test
  void
      givenAnOutputItsSerializerCannotEncode_whenProduced_thenTheInputIsDeadLetteredAndTheNextIsProcessed() {
    try (TopologyTestDriver driver = driver()) {
      TestInputTopic<String, String> in =
          driver.createInputTopic(IN, new StringSerializer(), new StringSerializer());
      TestOutputTopic<String, String> out =
          driver.createOutputTopic(OUT, new StringDeserializer(), new StringDeserializer());
      TestOutputTopic<byte[], byte[]> dead =
          driver.createOutputTopic(
              topics.deadLetter().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());

      in.pipeInput("P15-HUGE", "huge");
      in.pipeInput("P16", "fine");

      assertThat(out.readValuesToList()).containsExactly("FINE");
      TestRecord<byte[], byte[]> letter = dead.readRecord();
      assertThat(new String(letter.value(), UTF_8)).isEqualTo("huge");
      assertThat(header(letter, DeadLetterHeaders.CHECK)).isEqualTo("output-serialization-error");
      assertThat(header(letter, DeadLetterHeaders.MESSAGE))
          .isEqualTo(
              "output-serialization-error: AvroTypeException: Cannot encode decimal with precision"
                  + " 33 as max precision 20 (the value of an output record for "
                  + OUT
                  + ")");
      assertThat(dead.isEmpty()).isTrue();
    }
  }

  @Test
  void givenAVeryLongExceptionMessage_whenDescribed_thenItIsCutShort() {
    String reason =
        DeadLetterExceptionHandler.reason(
            DeadLetterExceptionHandler.PROCESSING_ERROR,
            new ArithmeticException("x".repeat(1_000)));

    assertThat(reason)
        .startsWith("processing-error: ArithmeticException: xxx")
        .endsWith("…")
        .hasSize("processing-error: ArithmeticException: ".length() + 300 + 1);
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), UTF_8);
  }
}
