package io.tradewatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.PublishedSchemas.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The build-time schema evolution check: runs in {@code ./mvnw verify} of this module and fails the
 * build when a schema in {@code src/main/avro} is not published or cannot evolve from a published
 * version (see {@link SchemaEvolutionCheck} and {@code schemas/README.md}).
 */
class PublishedSchemasCompatibilityTest {
  private static final Path MODULE = Path.of(System.getProperty("basedir", "."));

  @Test
  void everyCurrentSchemaIsPublishedAndCompatibleWithEveryPublishedVersion() throws IOException {
    List<Schema> current = currentRecordSchemas();
    List<Version> published = PublishedSchemas.fromClasspath();
    writeUnpublished(current, published);

    List<String> problems = SchemaEvolutionCheck.problems(current, published);

    assertThat(problems)
        .withFailMessage(
            "Schema evolution check failed (schemas/README.md explains how to change a schema):%n%s",
            String.join(System.lineSeparator(), problems))
        .isEmpty();
  }

  @Test
  void theSerdesResolveThePublishedVersionsOfEveryCurrentSchema() throws IOException {
    List<String> currentNames =
        currentRecordSchemas().stream().map(Schema::getFullName).sorted().toList();

    List<String> historicNames =
        Serdes.history().historic().stream().map(Schema::getFullName).distinct().sorted().toList();

    assertThat(currentNames).contains(TradeRecord.getClassSchema().getFullName());
    assertThat(historicNames).isEqualTo(currentNames);
  }

  /**
   * The record schemas of {@code src/main/avro}, parsed as the Avro plugin does: one parser, files
   * in name order (the numeric prefixes define named types before their use, {@code internal/}
   * last). Enums are checked as part of the records that use them.
   */
  static List<Schema> currentRecordSchemas() throws IOException {
    Path avro = MODULE.resolve("src/main/avro");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(avro)) {
      files =
          walk.filter(f -> f.toString().endsWith(".avsc"))
              .sorted(Comparator.comparing(f -> avro.relativize(f).toString().replace('\\', '/')))
              .toList();
    }
    Schema.Parser parser = new Schema.Parser();
    List<Schema> records = new ArrayList<>();
    for (Path file : files) {
      Schema schema = parser.parse(file.toFile());
      if (schema.getType() == Schema.Type.RECORD) {
        records.add(schema);
      }
    }
    return records;
  }

  /** Writes each unpublished schema where the failure message says, ready to be copied. */
  private static void writeUnpublished(List<Schema> current, List<Version> published)
      throws IOException {
    Path out = MODULE.resolve("target/schemas-to-publish");
    for (Schema schema : current) {
      List<Version> versions =
          published.stream()
              .filter(v -> v.schema().getFullName().equals(schema.getFullName()))
              .toList();
      if (versions.stream().noneMatch(v -> v.schema().equals(schema))) {
        int next = versions.stream().mapToInt(Version::version).max().orElse(0) + 1;
        Files.createDirectories(out);
        Files.writeString(
            out.resolve(schema.getName() + "-v" + next + ".avsc"),
            schema.toString(true) + System.lineSeparator(),
            StandardCharsets.UTF_8);
      }
    }
  }
}
