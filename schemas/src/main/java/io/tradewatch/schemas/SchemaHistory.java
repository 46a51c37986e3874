package io.tradewatch.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Every writer schema this project ever published, so that single-object-encoded records written by
 * any earlier version can still be decoded (Avro resolves them to the current reader schema).
 *
 * <p>Older versions live as {@code .avsc} files under {@code io/tradewatch/schemas/history/},
 * listed in {@code index.txt} there; the current versions are the generated classes' own schemas.
 * When a schema changes, copy its previous version there first.
 */
public final class SchemaHistory {
  private static final String DIR = "/io/tradewatch/schemas/history/";

  private final SchemaStore.Cache store = new SchemaStore.Cache();
  private final List<Schema> historic = new ArrayList<>();

  SchemaHistory(List<Schema> current) {
    current.forEach(store::addSchema);
    for (String file : indexEntries()) {
      Schema schema = parse(file);
      historic.add(schema);
      store.addSchema(schema);
    }
  }

  SchemaStore store() {
    return store;
  }

  /** The schemas of earlier versions, as listed in the history index. */
  public List<Schema> historic() {
    return List.copyOf(historic);
  }

  private static List<String> indexEntries() {
    try (InputStream in = SchemaHistory.class.getResourceAsStream(DIR + "index.txt")) {
      if (in == null) {
        return List.of();
      }
      List<String> entries = new ArrayList<>();
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          String entry = line.strip();
          if (!entry.isEmpty() && !entry.startsWith("#")) {
            entries.add(entry);
          }
        }
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the schema history index", e);
    }
  }

  private static Schema parse(String file) {
    try (InputStream in = SchemaHistory.class.getResourceAsStream(DIR + file)) {
      if (in == null) {
        throw new IllegalStateException("Schema history lists " + file + " but it is missing");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read historic schema " + file, e);
    }
  }
}
