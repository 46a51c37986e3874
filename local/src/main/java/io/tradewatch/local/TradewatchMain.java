package io.tradewatch.local;

import io.tradewatch.local.cli.TradewatchCommand;
import java.nio.file.Path;

/** Entry point of the {@code ./tradewatch} launcher. */
public final class TradewatchMain {
  private TradewatchMain() {}

  public static void main(String[] args) {
    Path home = Path.of(System.getProperty("tradewatch.home", "."));
    LogSetup.forCommandLine(args, home)
        .ifPresent(file -> System.err.println("tradewatch: logs in " + file));
    System.exit(TradewatchCommand.commandLine().execute(args));
  }
}
