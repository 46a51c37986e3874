package io.tradewatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Frequency;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.PublishedSchemas.Version;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second version of the trade record (the test-only {@code evolution/TradeRecord-v2.avsc}: the
 * current schema plus an optional {@code customsProcedure}) meets the current application, in both
 * directions, through the project's own serde classes and Avro single-object encoding.
 */
class TradeRecordEvolutionTest {
  private static final String TOPIC = "tradewatch.trade-records";
  private static final String NEW_FIELD = "customsProcedure";

  private static Schema v2;
  private static GenericData model;

  @BeforeAll
  static void loadV2() throws IOException {
    try (InputStream in =
        TradeRecordEvolutionTest.class.getResourceAsStream(
            "/io/tradewatch/schemas/evolution/TradeRecord-v2.avsc")) {
      v2 = new Schema.Parser().parse(in);
    }
    model = new GenericData();
    model.addLogicalTypeConversion(new Conversions.DecimalConversion());
  }

  /** The current application after v2 was published to it, ahead of any writer using v2. */
  private static AvroSerde<TradeRecord> currentAppWithV2Published() {
    List<Schema> published = new ArrayList<>(Serdes.history().historic());
    published.add(v2);
    return new AvroSerde<>(
        TradeRecord.class,
        TradeRecord.getClassSchema(),
        new SchemaHistory(List.of(TradeRecord.getClassSchema()), published));
  }

  /** A reader generated from v2: the next application, shipping v1 as published history. */
  private static BinaryMessageDecoder<GenericRecord> v2Reader() {
    SchemaHistory v2History =
        new SchemaHistory(
            List.of(v2), PublishedSchemas.fromClasspath().stream().map(Version::schema).toList());
    return new BinaryMessageDecoder<>(model, v2, v2History.store());
  }

  private static byte[] writtenByV2App(String customsProcedure) throws IOException {
    GenericRecord record =
        new GenericRecordBuilder(v2)
            .set("recordKey", "KZ-BNS|KAZ|ARM|X|2023-07|2402")
            .set("revision", 2)
            .set("source", "KZ-BNS")
            .set("reporter", "KAZ")
            .set("partner", "ARM")
            .set("flow", new GenericData.EnumSymbol(v2.getField("flow").schema(), "X"))
            .set("frequency", new GenericData.EnumSymbol(v2.getField("frequency").schema(), "M"))
            .set("year", 2023)
            .set("month", 7)
            .set("hsCode", "2402")
            .set("hsLevel", 4)
            .set("valueUsd", new BigDecimal("123456789012345678.91"))
            .set("netWeightKg", new BigDecimal("0.125"))
            .set("quantityUnit", "kg")
            .set(NEW_FIELD, customsProcedure)
            .build();
    ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(model, v2).encode(record);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static TradeRecord writtenByCurrentApp() {
    return TradeRecord.newBuilder()
        .setRecordKey("AM-ARMSTAT|ARM|KAZ|M|2024-01|TOTAL")
        .setRevision(1)
        .setSource("AM-ARMSTAT")
        .setReporter("ARM")
        .setPartner("KAZ")
        .setFlow(Flow.M)
        .setFrequency(Frequency.M)
        .setYear(2024)
        .setMonth(1)
        .setHsCode("TOTAL")
        .setHsLevel(0)
        .setValueUsd(new BigDecimal("98765.43"))
        .setQuantity(new BigDecimal("12.500"))
        .build();
  }

  @Test
  void v2IsTheCurrentTradeRecordPlusOneOptionalFieldAndPassesTheBuildCheck() {
    List<String> v2Names = v2.getFields().stream().map(Schema.Field::name).toList();
    List<String> currentNames =
        TradeRecord.getClassSchema().getFields().stream().map(Schema.Field::name).toList();

    assertThat(v2Names).hasSize(currentNames.size() + 1).containsSubsequence(currentNames);
    assertThat(v2Names.get(v2Names.size() - 1)).isEqualTo(NEW_FIELD);
    assertThat(SchemaNormalization.parsingFingerprint64(v2))
        .isNotEqualTo(SchemaNormalization.parsingFingerprint64(TradeRecord.getClassSchema()));
    assertThat(
            SchemaEvolutionCheck.problems(
                v2, new Version("TradeRecord-v1.avsc", 1, TradeRecord.getClassSchema())))
        .isEmpty();
  }

  @Test
  void currentAppReadsARecordWrittenWithV2OnceV2IsPublishedToIt() throws IOException {
    byte[] bytes = writtenByV2App("10");

    TradeRecord read = currentAppWithV2Published().deserialize(TOPIC, bytes);

    assertThat(read.getRecordKey()).isEqualTo("KZ-BNS|KAZ|ARM|X|2023-07|2402");
    assertThat(read.getRevision()).isEqualTo(2);
    assertThat(read.getSource()).isEqualTo("KZ-BNS");
    assertThat(read.getReporter()).isEqualTo("KAZ");
    assertThat(read.getPartner()).isEqualTo("ARM");
    assertThat(read.getFlow()).isEqualTo(Flow.X);
    assertThat(read.getFrequency()).isEqualTo(Frequency.M);
    assertThat(read.getYear()).isEqualTo(2023);
    assertThat(read.getMonth()).isEqualTo(7);
    assertThat(read.getHsCode()).isEqualTo("2402");
    assertThat(read.getHsLevel()).isEqualTo(4);
    assertThat(read.getValueUsd()).isEqualTo(new BigDecimal("123456789012345678.91"));
    assertThat(read.getNetWeightKg()).isEqualTo(new BigDecimal("0.125"));
    assertThat(read.getQuantity()).isNull();
    assertThat(read.getQuantityUnit()).isEqualTo("kg");
    assertThat(read.getSchema().getField(NEW_FIELD)).isNull();
  }

  @Test
  void currentAppAsShippedRefusesAnUnpublishedV2RecordSoItGoesToTheDeadLetterTopic()
      throws IOException {
    byte[] bytes = writtenByV2App("10");

    assertThatThrownBy(() -> Serdes.TRADE_RECORD.deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Cannot decode TradeRecord from topic " + TOPIC)
        .hasMessageContaining("written with a schema this release does not know")
        .hasMessageContaining(Long.toString(SchemaNormalization.parsingFingerprint64(v2)))
        .hasMessageContaining("add it to io/tradewatch/schemas/published/");
  }

  @Test
  void v2ReaderReadsARecordWrittenByTheCurrentAppWithTheNewFieldNull() throws IOException {
    TradeRecord written = writtenByCurrentApp();
    byte[] bytes = Serdes.TRADE_RECORD.serialize(TOPIC, written);

    GenericRecord read = v2Reader().decode(bytes);

    assertThat(read.get(NEW_FIELD)).isNull();
    assertThat(read.get("recordKey").toString()).isEqualTo("AM-ARMSTAT|ARM|KAZ|M|2024-01|TOTAL");
    assertThat(read.get("flow").toString()).isEqualTo("M");
    assertThat(read.get("month")).isEqualTo(1);
    assertThat(read.get("valueUsd")).isEqualTo(new BigDecimal("98765.43"));
    assertThat(read.get("quantity")).isEqualTo(new BigDecimal("12.500"));
    assertThat(read.get("netWeightKg")).isNull();
  }

  @Test
  void v2RecordsStillRoundTripTheirNewFieldBetweenV2Applications() throws IOException {
    byte[] bytes = writtenByV2App("40");

    GenericRecord read = v2Reader().decode(bytes);

    assertThat(read.get(NEW_FIELD).toString()).isEqualTo("40");
    assertThat(read.get("valueUsd")).isEqualTo(new BigDecimal("123456789012345678.91"));
  }
}
