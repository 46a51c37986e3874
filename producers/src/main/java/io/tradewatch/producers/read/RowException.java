package io.tradewatch.producers.read;

/** A row's content is wrong; the message names the column and the value. */
final class RowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RowException(String message) {
    super(message, null, false, false);
  }
}
