package io.tradewatch.producers.read;

import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.RecordChecks;
import io.tradewatch.schemas.Serdes;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one input file row by row (streaming, any size): each row becomes an accepted record, a
 * rejection with file, line and reason, or a skipped row. A bad row never stops the file; a file
 * without the required columns is refused as a whole.
 */
public final class InputReader {
  private final RecordChecks checks;

  public InputReader(RecordChecks checks) {
    Serdes.trustGeneratedClasses();
    this.checks = checks;
  }

  public void read(Path file, InputFormat format, ReaderOptions options, Consumer<Row> rows)
      throws IOException {
    RowMapper mapper = format.mapper(options);
    String name = file.getFileName().toString();
    CSVFormat csv =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .setAllowMissingColumnNames(true)
            .get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = csv.parse(reader)) {
      List<String> header =
          parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "")).toList();
      for (String column : mapper.requiredColumns()) {
        if (!header.contains(column)) {
          throw new IOException(
              name
                  + ": column '"
                  + column
                  + "' is missing for format "
                  + format
                  + " (header: "
                  + header
                  + ")");
        }
      }
      try {
        for (CSVRecord record : parser) {
          rows.accept(row(name, record, mapper));
        }
      } catch (UncheckedIOException e) {
        throw new IOException(
            name + " near line " + parser.getCurrentLineNumber() + ": " + e.getMessage(), e);
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IOException(name + ": cannot read as CSV: " + e.getMessage(), e);
    }
  }

  private Row row(String file, CSVRecord record, RowMapper mapper) {
    long line = record.getParser().getCurrentLineNumber();
    String raw = String.join(",", record.values());
    try {
      if (!record.isConsistent()) {
        throw new RowException(
            "row has "
                + record.size()
                + " fields, the header "
                + record.getParser().getHeaderNames().size());
      }
      SpecificRecord mapped = mapper.map(new Fields(record));
      if (mapped == null) {
        return new Row.Skipped(line, mapper.skipReason());
      }
      Optional<String> problem = check(mapped);
      if (problem.isPresent()) {
        return new Row.Rejected(line, new Rejection(file, line, problem.get(), raw));
      }
      return new Row.Accepted(line, mapped);
    } catch (RowException e) {
      return new Row.Rejected(line, new Rejection(file, line, e.getMessage(), raw));
    }
  }

  private Optional<String> check(SpecificRecord record) {
    if (record instanceof TradeRecord r) {
      return checks.check(r);
    }
    if (record instanceof FdiRecord r) {
      return checks.check(r);
    }
    if (record instanceof TargetDefinition t) {
      return checks.check(t);
    }
    throw new IllegalArgumentException("unexpected record " + record.getClass());
  }
}
