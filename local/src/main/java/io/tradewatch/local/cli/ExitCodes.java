package io.tradewatch.local.cli;

/** Exit codes of every sub-command. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;
  static final int ROWS_REJECTED = 3;

  private ExitCodes() {}
}
