package io.tradewatch.producers.read;

import io.tradewatch.schemas.RecordChecks;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/** The input formats tradewatch reads, each with its reader. */
public enum InputFormat {
  /** Our trade CSV, see {@link TradeCsvReader}. */
  TRADE(TradeCsvReader.COLUMNS),
  /** Our FDI CSV, see {@link FdiCsvReader}. */
  FDI(FdiCsvReader.COLUMNS),
  /** Our target CSV, see {@link TargetCsvReader}. */
  TARGETS(TargetCsvReader.COLUMNS),
  /** UN Comtrade's CSV, see {@link ComtradeCsvReader}. */
  COMTRADE(ComtradeCsvReader.COLUMNS);

  private final List<String> requiredColumns;

  InputFormat(List<String> requiredColumns) {
    this.requiredColumns = requiredColumns;
  }

  /** Columns a header must name to be read as this format. */
  public List<String> requiredColumns() {
    return requiredColumns;
  }

  /** A reader of this format; {@code options} only matter for {@link #COMTRADE}. */
  public CsvRecordReader<? extends SpecificRecord> reader(
      RecordChecks checks, ReaderOptions options) {
    return switch (this) {
      case TRADE -> new TradeCsvReader(checks);
      case FDI -> new FdiCsvReader(checks);
      case TARGETS -> new TargetCsvReader(checks);
      case COMTRADE -> new ComtradeCsvReader(checks, options);
    };
  }

  /**
   * The format whose required columns the file's header line names (Comtrade's camelCase headers,
   * then our targets, FDI and trade headers).
   *
   * @throws IOException when the file is empty, unreadable or matches no format
   */
  public static InputFormat detect(Path file) throws IOException {
    return detect(file, StandardCharsets.UTF_8);
  }

  /**
   * As {@link #detect(Path)}, for a file in {@code encoding}.
   *
   * @throws IOException when the file is empty, unreadable, its header line not valid in {@code
   *     encoding}, or it matches no format
   */
  public static InputFormat detect(Path file, Charset encoding) throws IOException {
    String header;
    // Only the header line is decoded: a bad byte further down is one rejected row, not a file
    // whose format cannot be told.
    try (CsvLines lines = CsvLines.decoding(Files.newInputStream(file), encoding, "", r -> {})) {
      CsvLines.Line first = lines.firstLine();
      if (first != null && first.text() == null) {
        throw new IOException(file + ":1: header is not valid " + encoding.name());
      }
      header = first == null ? null : first.text();
    }
    if (header == null) {
      throw new IOException(file + " is empty");
    }
    return detect(header)
        .orElseThrow(
            () ->
                new IOException(
                    file
                        + ": header does not match any format (trade, fdi, targets, comtrade): "
                        + header));
  }

  /** The format a header line belongs to, if any. */
  public static Optional<InputFormat> detect(String headerLine) {
    Set<String> columns =
        Arrays.stream(headerLine.replace("\uFEFF", "").split(","))
            .map(c -> c.trim().replace("\"", ""))
            .collect(Collectors.toSet());
    for (InputFormat format : List.of(COMTRADE, TARGETS, FDI, TRADE)) {
      if (columns.containsAll(format.requiredColumns)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
