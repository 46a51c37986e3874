package io.tradewatch.local.cli;

import picocli.CommandLine.Option;

/**
 * Options of the commands a person runs at a terminal ({@code demo}, {@code analyze}). {@code
 * --verbose} is acted on by the launcher before logging starts (see {@code LogSetup}); it is
 * declared here so that picocli accepts it and {@code --help} shows it.
 */
final class ConsoleOptions {
  @Option(
      names = "--verbose",
      description =
          "Show the logs (embedded broker, Kafka clients, each alert event) on the console too;"
              + " by default they go to a file under tradewatch-data/logs/ whose path is printed.")
  boolean verbose;
}
