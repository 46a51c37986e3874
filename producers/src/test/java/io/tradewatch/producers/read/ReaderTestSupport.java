package io.tradewatch.producers.read;

import io.tradewatch.schemas.RecordChecks;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** A fixed "now" (2026-11-23) and reading CSV text without files. */
final class ReaderTestSupport {
  static final RecordChecks CHECKS =
      new RecordChecks(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC));

  private ReaderTestSupport() {}

  static <T extends SpecificRecord> List<Parsed<T>> readAll(
      CsvRecordReader<T> reader, String name, String csv) throws IOException {
    List<Parsed<T>> rows = new ArrayList<>();
    try (ParsedRows<T> parsed = reader.open(name, new StringReader(csv))) {
      parsed.forEachRemaining(rows::add);
    }
    return rows;
  }

  static <T> T accepted(Parsed<T> row) {
    if (row instanceof Parsed.Accepted<T> a) {
      return a.record();
    }
    throw new AssertionError("expected an accepted row, got " + row);
  }

  static Rejection rejected(Parsed<?> row) {
    if (row instanceof Parsed.Rejected<?> r) {
      return r.rejection();
    }
    throw new AssertionError("expected a rejected row, got " + row);
  }
}
