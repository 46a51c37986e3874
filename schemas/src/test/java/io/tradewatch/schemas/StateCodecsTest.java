package io.tradewatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewatch.avro.internal.HsValue;
import io.tradewatch.avro.internal.PeriodCell;
import io.tradewatch.avro.internal.SeriesYearLedger;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The ledger's state values are written and read by hand-written codecs ({@link StateCodecs}): the
 * bytes must be Avro's own, and anything Avro wrote must read back the same.
 */
class StateCodecsTest {
  private final SplittableRandom random = new SplittableRandom(20261207);

  @Test
  void givenRandomCells_whenSerialized_thenTheBytesAreAvrosAndReadBackEqual() {
    for (int i = 0; i < 500; i++) {
      PeriodCell cell = randomCell(random.nextInt(0, 40));

      byte[] bytes = Serdes.PERIOD_CELL.serialize("t", cell);

      assertThat(bytes).as("%s", cell).isEqualTo(avroBytes(cell));
      assertThat(Serdes.PERIOD_CELL.deserialize("t", bytes)).isEqualTo(cell);
      assertThat(Serdes.PERIOD_CELL.deserialize("t", bytes)).isEqualTo(avroRead(cell, bytes));
    }
  }

  @Test
  void givenRandomLedgers_whenSerialized_thenTheBytesAreAvrosAndReadBackEqual() {
    for (int i = 0; i < 500; i++) {
      SeriesYearLedger ledger =
          new SeriesYearLedger(
              months(),
              months(),
              random.nextInt(1 << 12),
              random.nextInt(1 << 12),
              random.nextBoolean() ? null : money(),
              random.nextBoolean() ? null : money());

      byte[] bytes = Serdes.SERIES_YEAR_LEDGER.serialize("t", ledger);

      assertThat(bytes).as("%s", ledger).isEqualTo(avroBytes(ledger));
      assertThat(Serdes.SERIES_YEAR_LEDGER.deserialize("t", bytes)).isEqualTo(ledger);
    }
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

  @Test
  void givenMoneyWithMoreDecimalsThanTheSchema_whenSerialized_thenItIsRefusedAsAvroRefusesIt() {
    PeriodCell cell =
        new PeriodCell(List.of(new HsValue("2402", new BigDecimal("1.234"), 1, 1, null)));

    assertThatThrownBy(() -> Serdes.PERIOD_CELL.serialize("t", cell))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("PeriodCell");
  }

  @Test
  void givenATruncatedCell_whenRead_thenItIsRefusedNamingTheTopic() {
    byte[] bytes = Serdes.PERIOD_CELL.serialize("t", randomCell(5));
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);

    assertThatThrownBy(() -> Serdes.PERIOD_CELL.deserialize("cells", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cells");
  }

  private PeriodCell randomCell(int size) {
    List<HsValue> entries = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String code = String.format("%02d%04d", random.nextInt(1, 98), random.nextInt(10_000));
      int first = random.nextInt(0, 3);
      entries.add(
          new HsValue(
              code.substring(0, 2 + 2 * random.nextInt(3)),
              money(),
              first + random.nextInt(0, 3),
              first,
              first == 0 ? null : money()));
    }
    return new PeriodCell(entries);
  }

  private List<BigDecimal> months() {
    List<BigDecimal> months = new ArrayList<>();
    for (int m = 0; m < 12; m++) {
      months.add(money());
    }
    return months;
  }

  /** Zero, negative, small and up to 18 digits: every length of the unscaled bytes. */
  private BigDecimal money() {
    return switch (random.nextInt(4)) {
      case 0 -> BigDecimal.ZERO.setScale(2);
      case 1 -> BigDecimal.valueOf(-random.nextLong(1, 1_000_000_000L), 2);
      case 2 -> BigDecimal.valueOf(random.nextLong(1, 100), 2);
      default -> BigDecimal.valueOf(random.nextLong(1, 999_999_999_999_999_999L), 2);
    };
  }

  /** What Avro's own single-object encoder writes for the record. */
  private static <T extends SpecificRecord> byte[] avroBytes(T datum) {
    try {
      ByteBuffer encoded =
          new BinaryMessageEncoder<T>(SpecificData.getForClass(datum.getClass()), datum.getSchema())
              .encode(datum);
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      // And its datum alone, through the generic writer, for good measure.
      ByteArrayOutputStream plain = new ByteArrayOutputStream();
      BinaryEncoder out = EncoderFactory.get().binaryEncoder(plain, null);
      new GenericDatumWriter<T>(datum.getSchema(), SpecificData.getForClass(datum.getClass()))
          .write(datum, out);
      out.flush();
      assertThat(java.util.Arrays.copyOfRange(bytes, 10, bytes.length))
          .isEqualTo(plain.toByteArray());
      return bytes;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** What Avro's own decoder reads from the bytes. */
  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> T avroRead(T like, byte[] bytes) {
    try {
      return new BinaryMessageDecoder<T>(
              SpecificData.getForClass(like.getClass()), like.getSchema())
          .decode(bytes);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
