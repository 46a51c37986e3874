package io.tradewatch.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * The committed record of every writer schema this project has published: {@code .avsc} files named
 * {@code <RecordName>-v<N>.avsc} under {@code io/tradewatch/schemas/published/}, listed in {@code
 * index.txt} there (a class path folder cannot be listed from a jar). Each file is self-contained:
 * the named types a record uses are inlined, as the generated class writes them.
 *
 * <p>Decoders register all of them (see {@link SchemaHistory}); the build's compatibility check
 * compares every current schema with all of them.
 */
final class PublishedSchemas {
  static final String DIR = "/io/tradewatch/schemas/published/";
  private static final Pattern FILE =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)-v([1-9][0-9]*)\\.avsc");

  /** The index flag of a version that older readers of the same record cannot read. */
  static final String BREAKS_OLDER_READERS = "breaks-older-readers";

  /**
   * One published version of one record schema.
   *
   * @param breaksOlderReaders listed with {@value #BREAKS_OLDER_READERS} in the index: applications
   *     on an earlier version cannot read records of this one (a deliberate, documented break: all
   *     readers are upgraded before any writer, and outputs are recomputed by a replay)
   */
  record Version(String file, int version, Schema schema, boolean breaksOlderReaders) {
    Version(String file, int version, Schema schema) {
      this(file, version, schema, false);
    }

    String label() {
      return schema.getFullName() + " v" + version + " (published/" + file + ")";
    }
  }

  private PublishedSchemas() {}

  /** The published versions shipped with this release, in index order. */
  static List<Version> fromClasspath() {
    return load(DIR);
  }

  /** The published versions listed in {@code index.txt} of a class path folder. */
  static List<Version> load(String dir) {
    List<Version> versions = new ArrayList<>();
    for (String entry : indexEntries(dir)) {
      String[] words = entry.split("\\s+");
      String file = words[0];
      boolean breaks = words.length == 2 && words[1].equals(BREAKS_OLDER_READERS);
      if (words.length > 2 || (words.length == 2 && !breaks)) {
        throw new IllegalStateException(
            "Published schema index "
                + dir
                + "index.txt: '"
                + entry
                + "' must be a file name, optionally followed by "
                + BREAKS_OLDER_READERS);
      }
      Matcher name = FILE.matcher(file);
      if (!name.matches()) {
        throw new IllegalStateException(
            "Published schema file "
                + dir
                + file
                + " must be named <RecordName>-v<N>.avsc, e.g. TradeRecord-v2.avsc");
      }
      Schema schema = parse(dir, file);
      if (!schema.getName().equals(name.group(1))) {
        throw new IllegalStateException(
            "Published schema file "
                + dir
                + file
                + " holds "
                + schema.getFullName()
                + "; the file name must start with its record name");
      }
      versions.add(new Version(file, Integer.parseInt(name.group(2)), schema, breaks));
    }
    return List.copyOf(versions);
  }

  private static List<String> indexEntries(String dir) {
    try (InputStream in = PublishedSchemas.class.getResourceAsStream(dir + "index.txt")) {
      if (in == null) {
        throw new IllegalStateException("Missing published schema index " + dir + "index.txt");
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
      throw new UncheckedIOException("Cannot read the published schema index " + dir, e);
    }
  }

  private static Schema parse(String dir, String file) {
    try (InputStream in = PublishedSchemas.class.getResourceAsStream(dir + file)) {
      if (in == null) {
        throw new IllegalStateException(
            "The published schema index " + dir + "index.txt lists " + file + " but it is missing");
      }
      // A fresh parser per file: every version is self-contained, and two versions of the same
      // record must not clash as redefinitions of one name.
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read published schema " + dir + file, e);
    }
  }
}
