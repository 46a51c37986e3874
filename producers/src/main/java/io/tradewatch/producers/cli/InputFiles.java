package io.tradewatch.producers.cli;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks of the input files every command that reads them makes before it does anything else (a
 * broker start takes seconds; a typo should not).
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * Fails (exit code 2) naming the first file that is missing, a directory or unreadable.
   *
   * @throws CommandLine.ParameterException for such a file
   */
  public static void requireReadable(CommandSpec spec, List<Path> files) {
    for (Path file : files) {
      String problem =
          !Files.exists(file)
              ? "no such file"
              : Files.isDirectory(file)
                  ? "is a directory"
                  : !Files.isReadable(file) ? "not readable" : null;
      if (problem != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), file + ": " + problem);
      }
    }
  }

  /** {@code --encoding}: a character set Java knows, by any of its names. */
  public static final class EncodingConverter implements CommandLine.ITypeConverter<Charset> {
    @Override
    public Charset convert(String value) {
      try {
        return Charset.forName(value.trim());
      } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not an encoding Java knows (e.g. UTF-8, ISO-8859-1, windows-1252)");
      }
    }
  }
}
