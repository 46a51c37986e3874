package io.tradewatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewatch.avro.internal.HsValue;
import io.tradewatch.avro.internal.PeriodCell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.AvroTypeException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Every record this project writes goes through {@link CompiledDatumWriter}: its bytes must be
 * those of Avro's own specific writer, for any value the schemas allow.
 */
class CompiledDatumWriterTest {
  private static final String[] WORDS = {
    "", "KAZ", "KZ-BNS", "2402", "TOTAL", "Côte d’Ivoire", "中国", "exports of 2023-04 not released"
  };

  private final SplittableRandom random = new SplittableRandom(42);

  @Test
  void givenRandomRecordsOfEverySerde_whenWritten_thenTheBytesAreAvrosSpecificWritersBytes()
      throws Exception {
    List<AvroSerde<?>> serdes = everySerde();
    assertThat(serdes).hasSizeGreaterThan(15);
    for (AvroSerde<?> serde : serdes) {
      Schema schema = SpecificData.getForClass(serde.type()).getSchema(serde.type());
      SpecificData model = SpecificData.getForClass(serde.type());
      DatumWriter<Object> avro = model.createDatumWriter(schema);
      DatumWriter<Object> compiled = new CompiledDatumWriter<>(schema, model);
      for (int i = 0; i < 300; i++) {
        Object datum = randomValue(schema, model);

        assertThat(bytes(compiled, datum))
            .as("%s %s", serde.type().getSimpleName(), datum)
            .isEqualTo(bytes(avro, datum));
      }
    }
  }

  @Test
  void givenAMissingRequiredValue_whenWritten_thenTheErrorNamesTheField() {
    PeriodCell cell = new PeriodCell(List.of(new HsValue(null, BigDecimal.ONE, 1, 1, null)));

    assertThatThrownBy(
            () ->
                bytes(
                    new CompiledDatumWriter<>(
                        PeriodCell.getClassSchema(), SpecificData.getForClass(PeriodCell.class)),
                    cell))
        .isInstanceOf(AvroTypeException.class)
        .hasMessageContaining("HsValue.hsCode");
  }

  /** The project's Avro serdes, as {@link Serdes} declares them. */
  private static List<AvroSerde<?>> everySerde() throws IllegalAccessException {
    List<AvroSerde<?>> serdes = new ArrayList<>();
    for (Field field : Serdes.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == AvroSerde.class) {
        field.setAccessible(true);
        serdes.add((AvroSerde<?>) field.get(null));
      }
    }
    return serdes;
  }

  private static byte[] bytes(DatumWriter<Object> writer, Object datum) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
    writer.write(datum, out);
    out.flush();
    return bytes.toByteArray();
  }

  /** Any value of a schema: nulls, empty and non-ASCII strings, negative and large decimals. */
  private Object randomValue(Schema schema, SpecificData model) {
    if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      int digits = random.nextInt(1, decimal.getPrecision() + 1);
      BigInteger unscaled =
          new BigInteger(random.nextInt(1, 4 * digits), new java.util.Random(random.nextLong()));
      unscaled = unscaled.mod(BigInteger.TEN.pow(digits));
      return new BigDecimal(
          random.nextBoolean() ? unscaled : unscaled.negate(), decimal.getScale());
    }
    if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      return Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L));
    }
    return switch (schema.getType()) {
      case RECORD -> {
        IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
        for (Schema.Field f : schema.getFields()) {
          record.put(f.pos(), randomValue(f.schema(), model));
        }
        yield record;
      }
      case UNION -> {
        List<Schema> branches = schema.getTypes();
        yield randomValue(branches.get(random.nextInt(branches.size())), model);
      }
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(0, 15); i > 0; i--) {
          items.add(randomValue(schema.getElementType(), model));
        }
        yield items;
      }
      case MAP -> {
        Map<String, Object> entries = new HashMap<>();
        for (int i = random.nextInt(0, 4); i > 0; i--) {
          entries.put(
              WORDS[random.nextInt(WORDS.length)] + i, randomValue(schema.getValueType(), model));
        }
        yield entries;
      }
      case ENUM ->
          model.createEnum(
              schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())), schema);
      case STRING -> WORDS[random.nextInt(WORDS.length)];
      case INT -> random.nextInt();
      case LONG -> random.nextLong();
      case DOUBLE -> random.nextDouble() * 1e6 - 5e5;
      case FLOAT -> (float) random.nextDouble();
      case BOOLEAN -> random.nextBoolean();
      case NULL -> null;
      case BYTES -> java.nio.ByteBuffer.wrap(WORDS[random.nextInt(WORDS.length)].getBytes());
      case FIXED -> throw new IllegalStateException("no fixed in these schemas: " + schema);
    };
  }

  /** Records are the generated classes: each record the generator makes is the specific one. */
  @Test
  void givenTheGenerator_whenItMakesARecord_thenItIsTheGeneratedClass() {
    Object datum =
        randomValue(PeriodCell.getClassSchema(), SpecificData.getForClass(PeriodCell.class));

    assertThat(datum).isInstanceOf(PeriodCell.class);
    assertThat(((SpecificRecord) datum).getSchema()).isEqualTo(PeriodCell.getClassSchema());
  }
}
