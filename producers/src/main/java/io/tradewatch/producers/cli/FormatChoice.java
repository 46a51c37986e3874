package io.tradewatch.producers.cli;

import io.tradewatch.producers.read.InputFormat;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;

/** The {@code --format} values: one of the input formats, or {@code auto} to detect per file. */
enum FormatChoice {
  AUTO,
  TRADE,
  FDI,
  TARGETS,
  COMTRADE;

  /** The format of {@code file}: the one chosen, or the one its header names. */
  InputFormat formatOf(Path file, Charset encoding) throws IOException {
    return this == AUTO ? InputFormat.detect(file, encoding) : InputFormat.valueOf(name());
  }

  /** Accepts any letter case, so that {@code --format comtrade} works without global settings. */
  static final class Converter implements CommandLine.ITypeConverter<FormatChoice> {
    @Override
    public FormatChoice convert(String value) {
      try {
        return FormatChoice.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not one of trade, fdi, targets, comtrade, auto");
      }
    }
  }
}
