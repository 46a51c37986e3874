package io.tradewatch.producers.read;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The text of a CSV file, one record at a time, with the lines that cannot be a record taken out
 * and reported, so that one bad line costs one row and never the rest of the file:
 *
 * <ul>
 *   <li>a line whose bytes are not valid in the file's encoding ({@code not valid UTF-8}): each
 *       line is decoded on its own by a decoder that reports errors, never replaces them;
 *   <li>a line with a quote that is never closed ({@code unbalanced quote}): left to the CSV
 *       parser, such a quote swallows the rest of the file. A quoted field may still span lines, up
 *       to {@link #MAX_RECORD_LINES}.
 * </ul>
 *
 * <p>As a {@link Reader} it serves the good records, each on one line of its own (multi-line ones
 * as read), so a single commons-csv parser reads the whole file; {@link #lineOfNextRecord} says
 * which line of the file each record the parser returns started on. Only lines with a quote (or a
 * lone carriage return) are checked by parsing them alone; the others cannot break the parser.
 */
final class CsvLines extends Reader {
  /** The most lines one quoted field may span before its opening quote counts as unbalanced. */
  static final int MAX_RECORD_LINES = 100;

  private static final CSVFormat ONE_RECORD = CSVFormat.DEFAULT.builder().setTrim(true).get();

  /** A line of the file: its 1-based number and text, or null text when it did not decode. */
  record Line(long number, String text) {}

  private final LineSource source;
  private final String file;
  private final Consumer<Rejection> rejections;
  private final Deque<Line> pushedBack = new ArrayDeque<>();
  private final Deque<Long> recordLines = new ArrayDeque<>();
  private String chunk = "";
  private int position;

  private CsvLines(LineSource source, String file, Consumer<Rejection> rejections) {
    this.source = source;
    this.file = file;
    this.rejections = rejections;
  }

  /** Lines decoded from {@code bytes} in {@code charset}, each on its own. */
  static CsvLines decoding(
      InputStream bytes, Charset charset, String file, Consumer<Rejection> rejections) {
    return new CsvLines(new ByteLines(bytes, charset), file, rejections);
  }

  /** Lines of text already decoded. */
  static CsvLines of(Reader text, String file, Consumer<Rejection> rejections) {
    return new CsvLines(new TextLines(text), file, rejections);
  }

  /**
   * The first record (the header), parsed; null for a file without one.
   *
   * @throws IOException when the header line does not decode or its quoting is broken
   */
  List<String> header() throws IOException {
    Line line;
    do {
      line = nextLine();
      if (line == null) {
        return null;
      }
      if (line.text() == null) {
        throw new IOException(file + ":" + line.number() + ": header is " + source.invalid());
      }
    } while (line.text().isBlank());
    try (CSVParser parser = ONE_RECORD.parse(new java.io.StringReader(line.text()))) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new IOException(file + ":" + line.number() + ": header is not one CSV record");
      }
      return records.get(0).toList();
    } catch (CSVException | java.io.UncheckedIOException e) {
      throw new IOException(file + ":" + line.number() + ": cannot read the CSV header: " + e, e);
    }
  }

  /** The first line of the file as read, or null for an empty file. */
  Line firstLine() throws IOException {
    return nextLine();
  }

  /** The line of the file on which the next record the parser returns started. */
  long lineOfNextRecord() {
    Long line = recordLines.poll();
    return line == null ? -1 : line;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (position == chunk.length()) {
      String next = nextRecord();
      if (next == null) {
        return -1;
      }
      chunk = next;
      position = 0;
    }
    int n = Math.min(length, chunk.length() - position);
    chunk.getChars(position, position + n, buffer, offset);
    position += n;
    return n;
  }

  /** The next good record's text with its line break, reporting the bad lines met on the way. */
  private String nextRecord() throws IOException {
    while (true) {
      Line first = nextLine();
      if (first == null) {
        return null;
      }
      if (first.text() == null) {
        rejections.accept(new Rejection(file, first.number(), source.invalid(), ""));
        continue;
      }
      if (first.text().isBlank()) {
        continue;
      }
      if (first.text().indexOf('"') < 0 && first.text().indexOf('\r') < 0) {
        recordLines.add(first.number());
        return first.text() + "\n";
      }
      String record = quoted(first);
      if (record != null) {
        recordLines.add(first.number());
        return record + "\n";
      }
    }
  }

  /**
   * The record starting at {@code first}, a line with a quote: one line, or several when a quoted
   * field spans them. Null when it is not one good record (reported; reading resumes at the line
   * after {@code first}).
   */
  private String quoted(Line first) throws IOException {
    List<Line> more = new ArrayList<>();
    StringBuilder text = new StringBuilder(first.text());
    boolean parse = true;
    while (true) {
      if (parse) {
        String problem = problem(text.toString());
        if (problem == null) {
          return text.toString();
        }
        if (!problem.equals(UNFINISHED)) {
          rejections.accept(new Rejection(file, first.number(), problem, first.text()));
          pushBack(more);
          return null;
        }
      }
      Line next = more.size() + 1 >= MAX_RECORD_LINES ? null : nextLine();
      if (next == null || next.text() == null) {
        if (next != null) {
          more.add(next);
        }
        rejections.accept(new Rejection(file, first.number(), "unbalanced quote", first.text()));
        pushBack(more);
        return null;
      }
      more.add(next);
      text.append('\n').append(next.text());
      // Only a quote can close the open field.
      parse = next.text().indexOf('"') >= 0;
    }
  }

  private static final String UNFINISHED = "unfinished";

  /** Why {@code text} is not exactly one CSV record; null when it is. */
  private static String problem(String text) {
    try (CSVParser parser = ONE_RECORD.parse(new java.io.StringReader(text))) {
      int records = parser.getRecords().size();
      return records == 1 ? null : "a carriage return splits the row";
    } catch (IOException e) {
      return quotingProblem(e);
    } catch (java.io.UncheckedIOException e) {
      return quotingProblem(e.getCause());
    }
  }

  private static String quotingProblem(IOException e) {
    // commons-csv says "EOF reached before encapsulated token finished" for a quote left open.
    if (e instanceof CSVException && e.getMessage() != null) {
      return e.getMessage().contains("EOF reached")
          ? UNFINISHED
          : "bad quoting: text after a closing quote";
    }
    return "bad quoting: " + e.getMessage();
  }

  private void pushBack(List<Line> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      pushedBack.push(lines.get(i));
    }
  }

  private Line nextLine() throws IOException {
    return pushedBack.isEmpty() ? source.next() : pushedBack.pop();
  }

  @Override
  public void close() throws IOException {
    source.close();
  }

  private interface LineSource extends Closeable {
    /** The next line, without its line break; null at the end. */
    Line next() throws IOException;

    /** The reason given for a line that did not decode. */
    String invalid();
  }

  /** Splits bytes at line feeds and decodes each line alone, reporting malformed input. */
  private static final class ByteLines implements LineSource {
    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final byte[] buffer = new byte[64 * 1024];
    private int filled;
    private int position;
    private long number;

    ByteLines(InputStream in, Charset charset) {
      this.in = in;
      this.charset = charset;
      this.decoder =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public Line next() throws IOException {
      line.reset();
      boolean any = false;
      while (true) {
        if (position == filled) {
          filled = in.read(buffer);
          position = 0;
          if (filled <= 0) {
            filled = 0;
            if (!any) {
              return null;
            }
            break;
          }
        }
        any = true;
        int start = position;
        while (position < filled && buffer[position] != '\n') {
          position++;
        }
        line.write(buffer, start, position - start);
        if (position < filled) {
          position++; // the line feed
          break;
        }
      }
      number++;
      byte[] bytes = line.toByteArray();
      int length = bytes.length;
      if (length > 0 && bytes[length - 1] == '\r') {
        length--;
      }
      try {
        return new Line(
            number, decoder.reset().decode(ByteBuffer.wrap(bytes, 0, length)).toString());
      } catch (CharacterCodingException e) {
        return new Line(number, null);
      }
    }

    @Override
    public String invalid() {
      return "not valid " + charset.name();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Lines of decoded text. */
  private static final class TextLines implements LineSource {
    private final BufferedReader in;
    private long number;

    TextLines(Reader in) {
      this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
    }

    @Override
    public Line next() throws IOException {
      String text = in.readLine();
      return text == null ? null : new Line(++number, text);
    }

    @Override
    public String invalid() {
      return "not valid text";
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
