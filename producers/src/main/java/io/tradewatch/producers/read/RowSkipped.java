package io.tradewatch.producers.read;

/** A row that is correct but not wanted; the message is the reason it is counted under. */
final class RowSkipped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RowSkipped(String reason) {
    super(reason, null, false, false);
  }
}
