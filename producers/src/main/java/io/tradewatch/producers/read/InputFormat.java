package io.tradewatch.producers.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The input formats tradewatch reads. */
public enum InputFormat {
  TRADE,
  FDI,
  TARGETS,
  COMTRADE;

  RowMapper mapper(ReaderOptions options) {
    return switch (this) {
      case TRADE -> new TradeCsv();
      case FDI -> new FdiCsv();
      case TARGETS -> new TargetCsv();
      case COMTRADE -> new ComtradeCsv(options);
    };
  }

  /** The format whose required columns the file's header names. */
  public static InputFormat detect(Path file) throws IOException {
    String header;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      header = reader.readLine();
    }
    if (header == null) {
      throw new IOException(file + " is empty");
    }
    Set<String> columns = new HashSet<>();
    Arrays.stream(header.replace("\uFEFF", "").split(","))
        .map(c -> c.trim().replace("\"", ""))
        .forEach(columns::add);
    for (InputFormat format : List.of(COMTRADE, TARGETS, FDI, TRADE)) {
      if (columns.containsAll(format.mapper(ReaderOptions.defaults()).requiredColumns())) {
        return format;
      }
    }
    throw new IOException(
        file + ": header does not match any format (trade, fdi, targets, comtrade): " + header);
  }
}
