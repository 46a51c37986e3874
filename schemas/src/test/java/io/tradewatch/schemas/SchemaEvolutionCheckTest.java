package io.tradewatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.PublishedSchemas.Version;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaEvolutionCheckTest {

  /** A small trade figure, published as v1; each test edits its fields into a "current" v2. */
  private static final String V1_FIELDS =
      """
      {"name": "recordKey", "type": "string"},
      {"name": "hsCode", "type": "string"},
      {"name": "flow", "type": {"type": "enum", "name": "Flow", "symbols": ["X", "M"]}},
      {"name": "valueUsd",
       "type": {"type": "bytes", "logicalType": "decimal", "precision": 20, "scale": 2}},
      {"name": "netWeightKg",
       "type": ["null", {"type": "bytes", "logicalType": "decimal", "precision": 20, "scale": 3}],
       "default": null},
      {"name": "monthlyUsd", "type": {"type": "array",
       "items": {"type": "bytes", "logicalType": "decimal", "precision": 20, "scale": 2}}},
      {"name": "publishedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
      {"name": "quantityUnit", "type": ["null", "string"], "default": null}
      """;

  private static final Version V1 = new Version("Trade-v1.avsc", 1, trade(V1_FIELDS));

  private static Schema trade(String fields) {
    return new Schema.Parser()
        .parse(
            "{\"type\": \"record\", \"name\": \"Trade\", \"namespace\": \"io.tradewatch.test\","
                + " \"fields\": ["
                + fields
                + "]}");
  }

  private static Schema v2(String from, String to) {
    String fields = V1_FIELDS.replace(from, to);
    assertThat(fields).as("the edit applies").isNotEqualTo(V1_FIELDS);
    return trade(fields);
  }

  @Test
  void
      givenARequiredAmountMadeNullable_whenChecked_thenOlderReadersAreNamedUnlessTheBreakIsListed() {
    String nullable =
        "{\"name\": \"valueUsd\",\n"
            + " \"type\": [\"null\", {\"type\": \"bytes\", \"logicalType\": \"decimal\","
            + " \"precision\": 20, \"scale\": 2}], \"default\": null},";
    Schema current =
        v2(
            "{\"name\": \"valueUsd\",\n"
                + " \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\","
                + " \"precision\": 20, \"scale\": 2}},",
            nullable);

    List<String> unlisted =
        SchemaEvolutionCheck.problems(
            List.of(current), List.of(V1, new Version("Trade-v2.avsc", 2, current)));
    List<String> listed =
        SchemaEvolutionCheck.problems(
            List.of(current), List.of(V1, new Version("Trade-v2.avsc", 2, current, true)));

    assertThat(unlisted)
        .singleElement()
        .asString()
        .contains(
            "applications still on published v1 cannot read records written with the current");
    assertThat(listed).as("v1 readers are knowingly left behind; v1 records still read").isEmpty();
  }

  @Test
  void shouldFailWhenAFieldWithoutDefaultIsRemoved() {
    Schema current = v2("{\"name\": \"hsCode\", \"type\": \"string\"},", "");

    List<String> problems = SchemaEvolutionCheck.problems(current, V1);

    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("io.tradewatch.test.Trade field hsCode:")
        .contains("applications still on published v1 cannot read records written with the current")
        .contains("can never be removed or renamed: keep it");
  }

  @Test
  void shouldPassWhenAnOptionalFieldWithDefaultIsRemoved() {
    Schema current =
        v2(
            ",\n{\"name\": \"quantityUnit\", \"type\": [\"null\", \"string\"], \"default\": null}",
            "");

    assertThat(SchemaEvolutionCheck.problems(current, V1)).isEmpty();
  }

  @Test
  void shouldFailWhenADecimalChangesItsScaleThoughAvroCallsItCompatible() {
    Schema current =
        v2(
            "\"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 20,"
                + " \"scale\": 2}}",
            "\"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 20,"
                + " \"scale\": 3}}");

    List<String> problems = SchemaEvolutionCheck.problems(current, V1);

    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("io.tradewatch.test.Trade field valueUsd:")
        .contains("decimal changed from decimal(20, 2) (published v1) to decimal(20, 3)")
        .contains("publish a new field instead of changing the scale or precision");
  }

  @Test
  void shouldFailWhenADecimalChangesItsPrecisionInsideAnOptionalUnionOrItsScaleInAnArray() {
    String items =
        "\"items\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 20,";
    Schema current =
        trade(
            V1_FIELDS
                .replace("\"precision\": 20, \"scale\": 3}", "\"precision\": 22, \"scale\": 3}")
                .replace(items + " \"scale\": 2}", items + " \"scale\": 4}"));

    List<String> problems = SchemaEvolutionCheck.problems(current, V1);

    assertThat(problems)
        .hasSize(2)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("io.tradewatch.test.Trade field netWeightKg:")
                    .contains("decimal(20, 3) (published v1) to decimal(22, 3)"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("io.tradewatch.test.Trade field monthlyUsd[]:")
                    .contains("decimal(20, 2) (published v1) to decimal(20, 4)"));
  }

  @Test
  void shouldFailWhenALogicalTypeChangesOrIsDropped() {
    Schema current =
        trade(
            V1_FIELDS
                .replace("timestamp-millis", "timestamp-micros")
                .replace(
                    "{\"name\": \"valueUsd\",\n"
                        + " \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\","
                        + " \"precision\": 20, \"scale\": 2}}",
                    "{\"name\": \"valueUsd\", \"type\": \"bytes\"}"));

    List<String> problems = SchemaEvolutionCheck.problems(current, V1);

    assertThat(problems)
        .hasSize(2)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("io.tradewatch.test.Trade field publishedAt:")
                    .contains(
                        "logical type changed from timestamp-millis (published v1) to"
                            + " timestamp-micros"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("io.tradewatch.test.Trade field valueUsd:")
                    .contains("from decimal(20, 2) (published v1) to none")
                    .contains("Keep the logical type and publish a new field"));
  }

  @Test
  void shouldFailWhenARequiredFieldIsAddedWithoutDefault() {
    Schema current =
        v2(
            "{\"name\": \"hsCode\", \"type\": \"string\"},",
            "{\"name\": \"hsCode\", \"type\": \"string\"},\n"
                + "{\"name\": \"customsProcedure\", \"type\": \"string\"},");

    List<String> problems = SchemaEvolutionCheck.problems(current, V1);

    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("io.tradewatch.test.Trade field customsProcedure:")
        .contains("the current application cannot read records written with published v1")
        .contains("A new field needs a default: make it optional");
  }

  @Test
  void shouldPassWhenAnOptionalFieldIsAdded() {
    Schema current =
        v2(
            "{\"name\": \"hsCode\", \"type\": \"string\"},",
            "{\"name\": \"hsCode\", \"type\": \"string\"},\n"
                + "{\"name\": \"customsProcedure\", \"type\": [\"null\", \"string\"],"
                + " \"default\": null},");

    assertThat(SchemaEvolutionCheck.problems(current, V1)).isEmpty();
  }

  @Test
  void shouldFailWhenAnEnumWithoutDefaultGainsASymbol() {
    Schema current = v2("\"symbols\": [\"X\", \"M\"]", "\"symbols\": [\"X\", \"M\", \"RX\"]");

    List<String> problems = SchemaEvolutionCheck.problems(current, V1);

    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("io.tradewatch.test.Trade field flow:")
        .contains("MISSING_ENUM_SYMBOLS")
        .contains("do not add any, or publish a new enum in a new field");
  }

  @Test
  void shouldPassWhenAnEnumWithADefaultSymbolGainsASymbol() {
    String withDefault = "\"symbols\": [\"X\", \"M\", \"UNKNOWN\"], \"default\": \"UNKNOWN\"";
    Version published =
        new Version("Trade-v1.avsc", 1, v2("\"symbols\": [\"X\", \"M\"]", withDefault));
    Schema current =
        v2(
            "\"symbols\": [\"X\", \"M\"]",
            "\"symbols\": [\"X\", \"M\", \"UNKNOWN\", \"RX\"], \"default\": \"UNKNOWN\"");

    assertThat(SchemaEvolutionCheck.problems(current, published)).isEmpty();
  }

  @Test
  void shouldFailWhenATypeChangesEvenIfAvroCanPromoteItOneWay() {
    Schema current =
        v2(
            "{\"name\": \"publishedAt\", \"type\": {\"type\": \"long\", \"logicalType\":"
                + " \"timestamp-millis\"}}",
            "{\"name\": \"publishedAt\", \"type\": {\"type\": \"double\"}}");

    List<String> problems = SchemaEvolutionCheck.problems(current, V1);

    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("io.tradewatch.test.Trade field publishedAt:")
                    .contains("applications still on published v1 cannot read")
                    .contains("keep the field's type and publish a new field"));
  }

  @Test
  void shouldCatchAScaleChangeOfTheRealTradeRecordWhoseFingerprintStaysTheSame() {
    Schema published = TradeRecord.getClassSchema();
    Schema rescaled =
        new Schema.Parser()
            .parse(
                published
                    .toString()
                    .replace("\"precision\":20,\"scale\":2", "\"precision\":20,\"scale\":4"));

    List<String> problems =
        SchemaEvolutionCheck.problems(rescaled, new Version("TradeRecord-v1.avsc", 1, published));

    assertThat(org.apache.avro.SchemaNormalization.parsingFingerprint64(rescaled))
        .isEqualTo(org.apache.avro.SchemaNormalization.parsingFingerprint64(published));
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("io.tradewatch.avro.TradeRecord field valueUsd:")
        .contains("decimal(20, 2) (published v1) to decimal(20, 4)");
  }

  @Test
  void shouldAskToPublishAChangedSchemaAsTheNextVersion() {
    Schema current =
        v2(
            "{\"name\": \"hsCode\", \"type\": \"string\"},",
            "{\"name\": \"hsCode\", \"type\": \"string\"},\n"
                + "{\"name\": \"customsProcedure\", \"type\": [\"null\", \"string\"],"
                + " \"default\": null},");

    List<String> problems = SchemaEvolutionCheck.problems(List.of(current), List.of(V1));

    assertThat(problems)
        .singleElement()
        .asString()
        .isEqualTo(
            "io.tradewatch.test.Trade differs from every published version: publish it as"
                + " Trade-v2.avsc (the build wrote it to target/schemas-to-publish/) and list it in"
                + " published/index.txt, so that the readers know it before any writer uses it");
  }

  @Test
  void shouldPassWhenTheCurrentSchemaIsAPublishedVersionAndANewerOneIsPublishedAhead() {
    Version v2 =
        new Version(
            "Trade-v2.avsc",
            2,
            v2(
                ",\n{\"name\": \"quantityUnit\"",
                ",\n{\"name\": \"customsProcedure\", \"type\": [\"null\", \"string\"],"
                    + " \"default\": null},\n{\"name\": \"quantityUnit\""));

    assertThat(SchemaEvolutionCheck.problems(List.of(V1.schema()), List.of(V1, v2))).isEmpty();
  }

  @Test
  void shouldFailWhenAPublishedRecordTypeDisappearsOrANewOneIsNotPublished() {
    Schema other =
        new Schema.Parser()
            .parse(
                "{\"type\": \"record\", \"name\": \"Other\", \"namespace\": \"io.tradewatch.test\","
                    + " \"fields\": [{\"name\": \"a\", \"type\": \"int\"}]}");

    List<String> problems = SchemaEvolutionCheck.problems(List.of(other), List.of(V1));

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "io.tradewatch.test.Other has no published version: publish it as Other-v1.avsc"
                + " (see schemas/README.md)",
            "published io.tradewatch.test.Trade v1 (published/Trade-v1.avsc) has no current"
                + " schema: a record type that was ever published stays in src/main/avro (records"
                + " on the topics need it); rename with aliases, never delete");
  }
}
