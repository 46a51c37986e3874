package io.tradewatch.producers.read;

/**
 * An input row that could not become a record.
 *
 * @param file the input file's name
 * @param line the 1-based line number in the file
 * @param reason a sentence naming the column and the bad value
 * @param raw the row as it was read (for the dead-letter topic)
 */
public record Rejection(String file, long line, String reason, String raw) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + reason;
  }
}
