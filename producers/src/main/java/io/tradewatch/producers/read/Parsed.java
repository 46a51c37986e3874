package io.tradewatch.producers.read;

/**
 * What one input row became: a record to publish, a rejection, or a row deliberately skipped.
 *
 * @param <T> the record type of the format
 */
public sealed interface Parsed<T> {
  /** The input file's name. */
  String file();

  /** The 1-based line of the row in the file. */
  long line();

  /** A valid record, checked by {@code RecordChecks}. */
  record Accepted<T>(String file, long line, T record) implements Parsed<T> {}

  /** A wrong row; publishers send it to the dead-letter topic. */
  record Rejected<T>(Rejection rejection) implements Parsed<T> {
    @Override
    public String file() {
      return rejection.file();
    }

    @Override
    public long line() {
      return rejection.line();
    }
  }

  /** A correct but unwanted row, e.g. a UN Comtrade breakdown row that would double count. */
  record Skipped<T>(String file, long line, String reason) implements Parsed<T> {}
}
