package io.tradewatch.producers.read;

/**
 * Options of the readers.
 *
 * @param includeWorld keep UN Comtrade rows whose partner is the World (W00)
 * @param source reporting source for UN Comtrade rows (default {@code UNCOMTRADE-<reporterISO>})
 */
public record ReaderOptions(boolean includeWorld, String source) {
  public static ReaderOptions defaults() {
    return new ReaderOptions(false, null);
  }
}
