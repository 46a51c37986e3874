package io.tradewatch.producers.read;

import io.tradewatch.schemas.RecordChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads a file of any format into untyped {@link Row}s, for callers that handle every format alike
 * (the publisher, replay harnesses). The typed readers ({@link TradeCsvReader}, ...) do the work;
 * see {@link CsvRecordReader} for the rules.
 */
public final class InputReader {
  private final RecordChecks checks;

  public InputReader(RecordChecks checks) {
    this.checks = checks;
  }

  /**
   * Reads a whole file, handing each row to {@code rows} as soon as it is parsed.
   *
   * @throws IOException when the file cannot be read or a required column is missing
   */
  public void read(Path file, InputFormat format, ReaderOptions options, Consumer<Row> rows)
      throws IOException {
    format
        .reader(checks, options)
        .read(file, options.encoding(), parsed -> rows.accept(toRow(parsed)));
  }

  /** The untyped view of a parsed row. */
  public static Row toRow(Parsed<? extends SpecificRecord> parsed) {
    if (parsed instanceof Parsed.Accepted<? extends SpecificRecord> a) {
      return new Row.Accepted(a.line(), a.record());
    }
    if (parsed instanceof Parsed.Rejected<? extends SpecificRecord> r) {
      return new Row.Rejected(r.line(), r.rejection());
    }
    Parsed.Skipped<? extends SpecificRecord> s = (Parsed.Skipped<? extends SpecificRecord>) parsed;
    return new Row.Skipped(s.line(), s.reason());
  }
}
