package io.tradewatch.bench;

import picocli.CommandLine;

/** Entry point of {@code bench/run.sh}. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }
}
