package io.tradewatch.producers.read;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.function.Function;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of one open file, parsed one at a time as they are read (a file of any size streams
 * through). Close it to release the file. An I/O error while reading surfaces as {@link
 * java.io.UncheckedIOException} from {@link #hasNext}/{@link #next}; {@link CsvRecordReader#read}
 * turns it back into an {@link IOException}.
 *
 * @param <T> the record type of the format
 */
public final class ParsedRows<T> implements Iterator<Parsed<T>>, Closeable {
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final Function<CSVRecord, Parsed<T>> parse;
  private final Queue<Rejection> lineRejections;
  private Parsed<T> parsed;

  /**
   * @param lineRejections lines the parser never sees (not decodable, a quote left open), added as
   *     the parser reads ahead; each is returned in line order among the parsed rows
   */
  ParsedRows(
      CSVParser parser, Queue<Rejection> lineRejections, Function<CSVRecord, Parsed<T>> parse) {
    this.parser = parser;
    this.records = parser.iterator();
    this.parse = parse;
    this.lineRejections = lineRejections;
  }

  @Override
  public boolean hasNext() {
    if (parsed == null && records.hasNext()) {
      parsed = parse.apply(records.next());
    }
    return parsed != null || !lineRejections.isEmpty();
  }

  @Override
  public Parsed<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Rejection line = lineRejections.peek();
    if (line != null && (parsed == null || line.line() < parsed.line())) {
      return new Parsed.Rejected<>(lineRejections.poll());
    }
    Parsed<T> next = parsed;
    parsed = null;
    return next;
  }

  /** The line the parser has reached, for error messages about the file as a whole. */
  public long currentLine() {
    return parser.getCurrentLineNumber();
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
