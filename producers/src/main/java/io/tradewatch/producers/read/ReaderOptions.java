package io.tradewatch.producers.read;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Options of the readers.
 *
 * @param includeWorld keep UN Comtrade rows whose partner is the World (W00)
 * @param source reporting source for UN Comtrade rows (default {@code UNCOMTRADE-<reporterISO>})
 * @param encoding the files' character encoding; a line not valid in it is a rejected row
 */
public record ReaderOptions(boolean includeWorld, String source, Charset encoding) {
  public ReaderOptions {
    Objects.requireNonNull(encoding, "encoding");
  }

  /** UTF-8 files. */
  public ReaderOptions(boolean includeWorld, String source) {
    this(includeWorld, source, StandardCharsets.UTF_8);
  }

  public static ReaderOptions defaults() {
    return new ReaderOptions(false, null);
  }
}
