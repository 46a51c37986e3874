package io.tradewatch.producers.cli;

import io.tradewatch.producers.read.ReaderOptions;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/** How input files are read: the options every command that reads files shares (a mixin). */
public final class FileReadingOptions {
  @Option(
      names = "--source",
      paramLabel = "SOURCE",
      description = "UN Comtrade: reporting source (default: UNCOMTRADE-<reporterISO>).")
  String source;

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      defaultValue = "UTF-8",
      converter = InputFiles.EncodingConverter.class,
      description =
          "Character encoding of the files (default: ${DEFAULT-VALUE}); a line not valid in it is"
              + " a rejected row.")
  Charset encoding = StandardCharsets.UTF_8;

  public Charset encoding() {
    return encoding;
  }

  public ReaderOptions readerOptions(boolean includeWorld) {
    return new ReaderOptions(includeWorld, source, encoding);
  }
}
