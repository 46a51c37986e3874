package io.tradewatch.producers.read;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
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

  ParsedRows(CSVParser parser, Function<CSVRecord, Parsed<T>> parse) {
    this.parser = parser;
    this.records = parser.iterator();
    this.parse = parse;
  }

  @Override
  public boolean hasNext() {
    return records.hasNext();
  }

  @Override
  public Parsed<T> next() {
    if (!records.hasNext()) {
      throw new NoSuchElementException();
    }
    return parse.apply(records.next());
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
