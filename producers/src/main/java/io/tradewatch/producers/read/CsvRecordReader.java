package io.tradewatch.producers.read;

import io.tradewatch.schemas.Serdes;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one CSV input format row by row: columns are found by header name in any order, unknown
 * columns are ignored, and a header without a required column refuses the whole file. Each row
 * becomes an accepted record (mapped, then checked by {@code RecordChecks}), a rejection naming the
 * line, column and value, or a skipped row. A bad row never stops the file: neither a line that is
 * not valid in the file's encoding nor a quote left open (see {@link CsvLines}).
 *
 * <p>A reader holds no per-file state: one instance may read many files, also concurrently.
 *
 * @param <T> the record type of the format
 */
public abstract class CsvRecordReader<T extends SpecificRecord> {
  /** The records after the header, which {@link CsvLines} has read and checked. */
  private static final CSVFormat CSV =
      CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get();

  /** Re-quotes a row's values for the dead-letter topic. */
  private static final CSVFormat RAW = CSVFormat.DEFAULT;

  CsvRecordReader() {
    Serdes.trustGeneratedClasses();
  }

  /** The format this reader reads. */
  public abstract InputFormat format();

  /** Columns the header must name; others are ignored. */
  public abstract List<String> requiredColumns();

  /**
   * The record of one row.
   *
   * @throws RowException naming the column and value when the row is wrong
   * @throws RowSkipped when the row is correct but not wanted
   */
  abstract T map(Fields row);

  /** Header rules beyond the required columns (e.g. one of two columns). */
  void checkHeader(String name, List<String> header) throws IOException {}

  /** The first problem {@code RecordChecks} finds with a mapped record. */
  abstract Optional<String> check(T record);

  /**
   * Opens a UTF-8 file and checks its header; the caller iterates and closes.
   *
   * @throws IOException when the file cannot be read or a required column is missing
   */
  public ParsedRows<T> open(Path file) throws IOException {
    return open(file, StandardCharsets.UTF_8);
  }

  /**
   * Opens a file in {@code encoding} and checks its header; the caller iterates and closes. Each
   * line is decoded on its own: a line that is not valid in the encoding is one rejected row.
   *
   * @throws IOException when the file cannot be read or a required column is missing
   */
  public ParsedRows<T> open(Path file, Charset encoding) throws IOException {
    String name = file.getFileName().toString();
    return open(
        name,
        rejections -> CsvLines.decoding(Files.newInputStream(file), encoding, name, rejections));
  }

  /**
   * Reads CSV text from {@code reader} (closed with the result) as if it were the file {@code
   * name}.
   */
  public ParsedRows<T> open(String name, Reader reader) throws IOException {
    return open(name, rejections -> CsvLines.of(reader, name, rejections));
  }

  @FunctionalInterface
  private interface LinesOpener {
    CsvLines open(Consumer<Rejection> rejections) throws IOException;
  }

  private ParsedRows<T> open(String name, LinesOpener opener) throws IOException {
    java.util.ArrayDeque<Rejection> rejections = new java.util.ArrayDeque<>();
    CsvLines lines = opener.open(rejections::add);
    try {
      List<String> header = lines.header();
      if (header == null) {
        throw new IOException(name + " is empty");
      }
      header = header.stream().map(h -> h.replace("\uFEFF", "")).toList();
      for (String column : requiredColumns()) {
        if (!header.contains(column)) {
          throw new IOException(
              name
                  + ": column '"
                  + column
                  + "' is missing for format "
                  + format()
                  + " (header: "
                  + header
                  + ")");
        }
      }
      checkHeader(name, header);
      Map<String, Integer> columns = Fields.columns(header);
      int width = header.size();
      CSVParser parser = CSV.parse(lines);
      return new ParsedRows<>(
          parser,
          rejections,
          record -> parse(name, lines.lineOfNextRecord(), record, columns, width));
    } catch (IOException | RuntimeException e) {
      lines.close();
      throw e;
    }
  }

  /**
   * Reads a whole UTF-8 file, handing each row to {@code rows} as soon as it is parsed.
   *
   * @throws IOException when the file cannot be read or a required column is missing
   */
  public void read(Path file, Consumer<? super Parsed<T>> rows) throws IOException {
    read(file, StandardCharsets.UTF_8, rows);
  }

  /**
   * Reads a whole file in {@code encoding}, handing each row to {@code rows} as soon as it is
   * parsed.
   *
   * @throws IOException when the file cannot be read or a required column is missing
   */
  public void read(Path file, Charset encoding, Consumer<? super Parsed<T>> rows)
      throws IOException {
    String name = file.getFileName().toString();
    try (ParsedRows<T> parsed = open(file, encoding)) {
      while (true) {
        Parsed<T> next;
        try {
          if (!parsed.hasNext()) {
            return;
          }
          next = parsed.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          // Only the file's own errors (unreadable); the consumer's exceptions pass through
          // unchanged.
          throw new IOException(
              name + " near line " + parsed.currentLine() + ": " + e.getMessage(), e);
        }
        rows.accept(next);
      }
    }
  }

  private Parsed<T> parse(
      String file, long line, CSVRecord record, Map<String, Integer> columns, int width) {
    try {
      if (record.size() != width) {
        throw new RowException("row has " + record.size() + " fields, the header " + width);
      }
      T mapped = map(new Fields(record, columns));
      Optional<String> problem = check(mapped);
      if (problem.isPresent()) {
        return new Parsed.Rejected<>(new Rejection(file, line, problem.get(), raw(record)));
      }
      return new Parsed.Accepted<>(file, line, mapped);
    } catch (RowException e) {
      return new Parsed.Rejected<>(new Rejection(file, line, e.getMessage(), raw(record)));
    } catch (RowSkipped e) {
      return new Parsed.Skipped<>(file, line, e.getMessage());
    }
  }

  private static String raw(CSVRecord record) {
    return RAW.format((Object[]) record.values());
  }
}
