package io.tradewatch.local;

import io.tradewatch.local.cli.TradewatchCommand;

/** Entry point of the {@code ./tradewatch} launcher. */
public final class TradewatchMain {
  private TradewatchMain() {}

  public static void main(String[] args) {
    System.exit(TradewatchCommand.commandLine().execute(args));
  }
}
