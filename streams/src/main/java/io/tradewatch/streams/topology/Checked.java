package io.tradewatch.streams.topology;

/**
 * A record that passed a check, or the reason it did not. Rejected records go to the dead-letter
 * topic (see {@link DeadLetters}); nothing is dropped silently.
 */
record Checked<T>(T value, String rejection) {
  static <T> Checked<T> ok(T value) {
    return new Checked<>(value, null);
  }

  static <T> Checked<T> rejected(T value, String reason) {
    return new Checked<>(value, reason);
  }

  boolean isOk() {
    return rejection == null;
  }
}
