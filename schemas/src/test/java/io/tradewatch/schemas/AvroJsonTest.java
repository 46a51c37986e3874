package io.tradewatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.AnnualBasis;
import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.TradeAnnual;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroJsonTest {
  static {
    // Building generated records before any serde is touched: trust the generated classes first.
    Serdes.trustGeneratedClasses();
  }

  private static final Schema EVERY_KIND =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "EveryKind", "namespace": "io.tradewatch.test", "fields": [
                {"name": "valueUsd",
                 "type": {"type": "bytes", "logicalType": "decimal", "precision": 20, "scale": 2}},
                {"name": "yoyPct", "type": ["null",
                 {"type": "bytes", "logicalType": "decimal", "precision": 14, "scale": 4}]},
                {"name": "gapPct", "type": ["null",
                 {"type": "bytes", "logicalType": "decimal", "precision": 14, "scale": 4}]},
                {"name": "state", "type": {"type": "enum", "name": "State",
                 "symbols": ["RAISED", "CLEARED"]}},
                {"name": "hsCodes", "type": {"type": "array", "items": "string"}},
                {"name": "series", "type": {"type": "record", "name": "Series", "fields": [
                  {"name": "reporter", "type": "string"},
                  {"name": "months", "type": "int"}]}},
                {"name": "year", "type": "int"},
                {"name": "rows", "type": "long"},
                {"name": "complete", "type": "boolean"},
                {"name": "deadlineYear", "type": ["null", "int"]},
                {"name": "nullReasons", "type": {"type": "map", "values": "string"}},
                {"name": "digest", "type": "bytes"}
              ]}
              """);

  @Test
  void givenARecordWithEveryKindOfField_whenConverted_thenEachFollowsTheOneRule() {
    GenericRecord series = new GenericData.Record(EVERY_KIND.getField("series").schema());
    series.put("reporter", "KAZ");
    series.put("months", 12);
    GenericRecord record = new GenericData.Record(EVERY_KIND);
    record.put("valueUsd", new BigDecimal("53100000.00"));
    record.put("yoyPct", new BigDecimal("-3.2500"));
    record.put("gapPct", null);
    record.put(
        "state", new GenericData.EnumSymbol(EVERY_KIND.getField("state").schema(), "RAISED"));
    record.put("hsCodes", List.of("7202", "0806"));
    record.put("series", series);
    record.put("year", 2023);
    record.put("rows", 3_000_000_000L);
    record.put("complete", true);
    record.put("deadlineYear", null);
    Map<String, String> reasons = new LinkedHashMap<>();
    reasons.put("gapPct", "exports are zero");
    record.put("nullReasons", reasons);
    record.put("digest", ByteBuffer.wrap("tw".getBytes(StandardCharsets.UTF_8)));

    assertThat(AvroJson.toJsonString(record))
        .isEqualTo(
            "{\"valueUsd\":\"53100000.00\",\"yoyPct\":\"-3.2500\",\"gapPct\":null,"
                + "\"state\":\"RAISED\",\"hsCodes\":[\"7202\",\"0806\"],"
                + "\"series\":{\"reporter\":\"KAZ\",\"months\":12},"
                + "\"year\":2023,\"rows\":3000000000,\"complete\":true,\"deadlineYear\":null,"
                + "\"nullReasons\":{\"gapPct\":\"exports are zero\"},\"digest\":\"dHc=\"}");
  }

  @Test
  void givenADecimalLeftAsBytesByAGenericReader_whenConverted_thenItIsStillPlainText() {
    Schema decimal = EVERY_KIND.getField("valueUsd").schema();
    ByteBuffer bytes =
        new Conversions.DecimalConversion()
            .toBytes(new BigDecimal("19800000.05"), decimal, decimal.getLogicalType());
    GenericRecord record = new GenericData.Record(EVERY_KIND);
    record.put("valueUsd", bytes);
    record.put("yoyPct", bytes.duplicate());

    assertThat(AvroJson.toJson(record).get("valueUsd").textValue()).isEqualTo("19800000.05");
    assertThat(AvroJson.toJson(record).get("yoyPct").textValue())
        .as("the union's decimal branch gives the scale")
        .isEqualTo("198000.0005");
  }

  @Test
  void givenALargeDecimal_whenConverted_thenNoExponentAppears() {
    assertThat(AvroJson.toJsonString(new BigDecimal("1E+7"))).isEqualTo("\"10000000\"");
    assertThat(AvroJson.toJsonString(new BigDecimal("123456789012345678.99")))
        .isEqualTo("\"123456789012345678.99\"");
  }

  @Test
  void givenGeneratedRecords_whenConverted_thenEnumsListsMapsBooleansAndTimestampsFollowTheRule() {
    TradeAnnual annual =
        TradeAnnual.newBuilder()
            .setSource("KZ-BNS")
            .setReporter("KAZ")
            .setPartner("ARM")
            .setHsGroup("TOTAL")
            .setYear(2023)
            .setExportsUsd(new BigDecimal("33300000.00"))
            .setImportsUsd(new BigDecimal("19800000.00"))
            .setTurnoverUsd(new BigDecimal("53100000.00"))
            .setBalanceUsd(new BigDecimal("13500000.00"))
            .setExportsBasis(AnnualBasis.PERIOD_SUM)
            .setImportsBasis(AnnualBasis.ANNUAL_RECORD)
            .setMonthsReported(12)
            .setExportsComplete(true)
            .setNullReasons(Map.of("turnoverYoyPct", "2022 not released"))
            .build();
    Release release =
        Release.newBuilder()
            .setReleaseKey("KZ-BNS|KAZ|2023-01|X,M|*")
            .setRevision(1)
            .setSource("KZ-BNS")
            .setReporter("KAZ")
            .setYear(2023)
            .setMonth(1)
            .setFlows(List.of(Flow.X, Flow.M))
            .setRows(42)
            .setPublishedAt(Instant.parse("2023-02-15T06:00:00Z"))
            .build();

    var a = AvroJson.toJson(annual);
    var r = AvroJson.toJson(release);

    assertThat(a.get("turnoverUsd").textValue()).isEqualTo("53100000.00");
    assertThat(a.get("turnoverYoyPct").isNull()).isTrue();
    assertThat(a.get("exportsBasis").textValue()).isEqualTo("PERIOD_SUM");
    assertThat(a.get("year").isInt()).isTrue();
    assertThat(a.get("exportsComplete").isBoolean()).isTrue();
    assertThat(a.get("exportsComplete").booleanValue()).isTrue();
    assertThat(a.get("nullReasons").toString())
        .isEqualTo("{\"turnoverYoyPct\":\"2022 not released\"}");
    assertThat(r.get("flows").toString()).isEqualTo("[\"X\",\"M\"]");
    assertThat(r.get("partners").isNull()).isTrue();
    assertThat(r.get("rows").isIntegralNumber()).isTrue();
    assertThat(r.get("rows").longValue()).isEqualTo(42L);
    assertThat(r.get("publishedAt").textValue()).isEqualTo("2023-02-15T06:00:00Z");
    List<String> names = new ArrayList<>();
    a.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .as("fields in schema order")
        .containsExactlyElementsOf(
            TradeAnnual.getClassSchema().getFields().stream().map(Schema.Field::name).toList());
  }
}
