package io.tradewatch.producers.read;

import io.tradewatch.schemas.Serdes;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
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
 * line, column and value, or a skipped row. A bad row never stops the file.
 *
 * <p>A reader holds no per-file state: one instance may read many files, also concurrently.
 *
 * @param <T> the record type of the format
 */
public abstract class CsvRecordReader<T extends SpecificRecord> {
  private static final CSVFormat CSV =
      CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .setTrim(true)
          .setAllowMissingColumnNames(true)
          .get();

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
   * Opens a file and checks its header; the caller iterates and closes.
   *
   * @throws IOException when the file cannot be read or a required column is missing
   */
  public ParsedRows<T> open(Path file) throws IOException {
    Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    try {
      return open(file.getFileName().toString(), reader);
    } catch (IOException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /**
   * Reads CSV text from {@code reader} (closed with the result) as if it were the file {@code
   * name}.
   */
  public ParsedRows<T> open(String name, Reader reader) throws IOException {
    CSVParser parser;
    try {
      parser = CSV.parse(reader);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new IOException(name + ": cannot read the CSV header: " + e.getMessage(), e);
    }
    List<String> header =
        parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "")).toList();
    for (String column : requiredColumns()) {
      if (!header.contains(column)) {
        parser.close();
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
    try {
      checkHeader(name, header);
    } catch (IOException e) {
      parser.close();
      throw e;
    }
    Map<String, Integer> columns = Fields.columns(header);
    long[] previousLine = {parser.getCurrentLineNumber()};
    return new ParsedRows<>(
        parser,
        record -> {
          // The parser counts the line break ending a record; a last line without one is not
          // counted, hence the max.
          long line = Math.max(parser.getCurrentLineNumber(), previousLine[0] + 1);
          previousLine[0] = line;
          return parse(name, line, record, columns);
        });
  }

  /**
   * Reads a whole file, handing each row to {@code rows} as soon as it is parsed.
   *
   * @throws IOException when the file cannot be read or a required column is missing
   */
  public void read(Path file, Consumer<? super Parsed<T>> rows) throws IOException {
    String name = file.getFileName().toString();
    try (ParsedRows<T> parsed = open(file)) {
      while (true) {
        Parsed<T> next;
        try {
          if (!parsed.hasNext()) {
            return;
          }
          next = parsed.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          // Only the parser's own errors (unreadable file, broken quoting); the consumer's
          // exceptions pass through unchanged.
          throw new IOException(
              name + " near line " + parsed.currentLine() + ": " + e.getMessage(), e);
        }
        rows.accept(next);
      }
    }
  }

  private Parsed<T> parse(String file, long line, CSVRecord record, Map<String, Integer> columns) {
    try {
      if (!record.isConsistent()) {
        throw new RowException(
            "row has "
                + record.size()
                + " fields, the header "
                + record.getParser().getHeaderNames().size());
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
