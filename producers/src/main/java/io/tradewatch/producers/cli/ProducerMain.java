package io.tradewatch.producers.cli;

import picocli.CommandLine;

/** Runs {@code publish} on its own, for deployments without the all-in-one launcher. */
public final class ProducerMain {
  private ProducerMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new PublishCommand()).execute(args));
  }
}
