package io.tradewatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Frequency;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.avro.internal.HsValue;
import io.tradewatch.avro.internal.PeriodCell;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private static TradeRecord tobaccoExports(String value) {
    return TradeRecord.newBuilder()
        .setRecordKey("KZ-BNS|KAZ|ARM|X|2023-07|2402")
        .setRevision(1)
        .setSource("KZ-BNS")
        .setReporter("KAZ")
        .setPartner("ARM")
        .setFlow(Flow.X)
        .setFrequency(Frequency.M)
        .setYear(2023)
        .setMonth(7)
        .setHsCode("2402")
        .setHsLevel(4)
        .setValueUsd(new BigDecimal(value))
        .build();
  }

  @Test
  void shouldRoundTripExactDecimalsThroughSingleObjectEncoding() {
    TradeRecord record = tobaccoExports("1234567.89");

    byte[] bytes = Serdes.TRADE_RECORD.serialize("t", record);
    TradeRecord back = Serdes.TRADE_RECORD.deserialize("t", bytes);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(back).isEqualTo(record);
    assertThat(back.getValueUsd()).isEqualByComparingTo("1234567.89");
  }

  @Test
  void shouldRefuseMoneyWithMoreDecimalsThanTheSchemaScale() {
    assertThatThrownBy(() -> Serdes.TRADE_RECORD.serialize("t", tobaccoExports("1.234")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("TradeRecord");
  }

  @Test
  void shouldNameTopicAndSizeWhenBytesAreNotOurAvro() {
    byte[] garbage = "not avro at all".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Serdes.TRADE_RECORD.deserialize("tradewatch.trade-records", garbage))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("tradewatch.trade-records")
        .hasMessageContaining("15 bytes");
  }

  @Test
  void shouldFailOnTruncatedRecord() {
    byte[] bytes = Serdes.TRADE_RECORD.serialize("t", tobaccoExports("10.00"));

    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);

    assertThatThrownBy(() -> Serdes.TRADE_RECORD.deserialize("t", truncated))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void shouldPrefixEveryTopicName() {
    Topics topics = Topics.withPrefix("test-42.");

    assertThat(topics.all()).allSatisfy(t -> assertThat(t.name()).startsWith("test-42."));
    assertThat(topics.all()).extracting(Topic::name).doesNotHaveDuplicates();
  }

  @Test
  void shouldPutAReplaysOutputsBesideTheLiveOnesWhileReadingTheSameInputs() {
    Topics live = Topics.defaults();
    Topics replay = live.withOutputPrefix("tradewatch.replay-2.");

    assertThat(replay.tradeRecords().name()).isEqualTo(live.tradeRecords().name());
    assertThat(replay.tradeMonthly().name()).isEqualTo("tradewatch.replay-2.trade-monthly");
    assertThat(replay.deadLetter().name()).isEqualTo("tradewatch.replay-2.dead-letter");
  }

  @Test
  void shouldKeepInputsForEverAndCompactOutputsBecauseTimestampsAreStatisticalPeriods() {
    Topics topics = Topics.defaults();

    assertThat(topics.tradeRecords().configs()).containsEntry("retention.ms", "-1");
    assertThat(topics.tradeRecords().configs()).doesNotContainKey("cleanup.policy");
    assertThat(topics.tradeAnnual().configs())
        .containsEntry("cleanup.policy", "compact")
        .containsEntry("retention.ms", "-1");
  }

  @Test
  void shouldRoundTripInternalStateWithDecimalArrays() {
    var ledger =
        io.tradewatch.avro.internal.SeriesYearLedger.newBuilder()
            .setExportsMonthly(java.util.Collections.nCopies(12, new BigDecimal("1.50")))
            .setImportsMonthly(java.util.Collections.nCopies(12, new BigDecimal("0.00")))
            .setExportsMonthMask(0b101)
            .setImportsMonthMask(0)
            .setExportsAnnual(new BigDecimal("99.99"))
            .build();

    var back =
        Serdes.SERIES_YEAR_LEDGER.deserialize(
            "t", Serdes.SERIES_YEAR_LEDGER.serialize("t", ledger));

    assertThat(back).isEqualTo(ledger);
    assertThat(back.getExportsMonthly().get(11)).isEqualByComparingTo("1.50");
  }

  @Test
  void
      givenRecordsOfGrowingAndShrinkingSize_whenSerialized_thenBytesAreAvrosOwnSingleObjectEncoding()
          throws Exception {
    List<HsValue> entries = new ArrayList<>();
    for (int i = 0; i < 600; i += 37) {
      BigDecimal value = new BigDecimal(1_000_000L * i + 7).movePointLeft(2);
      entries.add(new HsValue(String.format("%06d", 100_000 + i), value, 2, 1, value));
      // Each cell larger than the last, then a small record: the thread's buffer is reused.
      assertSameBytesAsAvro(Serdes.PERIOD_CELL, new PeriodCell(new ArrayList<>(entries)));
      assertSameBytesAsAvro(Serdes.TRADE_RECORD, tobaccoExports(i + ".25"));
    }
  }

  @Test
  void givenAFailedEncoding_whenTheNextRecordIsSerialized_thenNothingOfTheFailedOneIsInIt()
      throws Exception {
    assertThatThrownBy(() -> Serdes.TRADE_RECORD.serialize("t", tobaccoExports("1.234")))
        .isInstanceOf(SerializationException.class);

    assertSameBytesAsAvro(Serdes.TRADE_RECORD, tobaccoExports("5.00"));
  }

  @Test
  void givenACellWrittenWithTheFirstPublishedSchema_whenRead_thenAvroResolvesItToTheCurrentOne()
      throws Exception {
    // Given a cell a release before revisions were kept wrote: HS code and value only
    Schema v1 =
        PublishedSchemas.fromClasspath().stream()
            .filter(v -> v.schema().getFullName().equals(PeriodCell.getClassSchema().getFullName()))
            .map(PublishedSchemas.Version::schema)
            .filter(s -> s.getField("entries").schema().getElementType().getFields().size() == 2)
            .findFirst()
            .orElseThrow();
    Schema entrySchema = v1.getField("entries").schema().getElementType();
    GenericRecord entry = new GenericData.Record(entrySchema);
    entry.put("hsCode", "2402");
    entry.put("valueUsd", ByteBuffer.wrap(BigInteger.valueOf(123_456).toByteArray()));
    GenericRecord old = new GenericData.Record(v1);
    old.put("entries", List.of(entry));
    ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
    byte[] bytes = new byte[written.remaining()];
    written.get(bytes);

    // When it is read now
    PeriodCell cell = Serdes.PERIOD_CELL.deserialize("t", bytes);

    // Then the value is exact and the new fields take their defaults
    assertThat(cell.getEntries()).hasSize(1);
    assertThat(cell.getEntries().get(0).getValueUsd()).isEqualTo(new BigDecimal("1234.56"));
    assertThat(cell.getEntries().get(0).getRevision()).isZero();
    assertThat(cell.getEntries().get(0).getFirstValueUsd()).isNull();
  }

  private static <T extends SpecificRecord> void assertSameBytesAsAvro(AvroSerde<T> serde, T datum)
      throws Exception {
    BinaryMessageEncoder<T> avro =
        new BinaryMessageEncoder<>(SpecificData.getForClass(serde.type()), datum.getSchema());
    ByteBuffer expected = avro.encode(datum);
    byte[] expectedBytes = new byte[expected.remaining()];
    expected.get(expectedBytes);

    assertThat(serde.serialize("t", datum)).as("%s", datum).isEqualTo(expectedBytes);
  }
}
