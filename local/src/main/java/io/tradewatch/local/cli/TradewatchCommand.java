package io.tradewatch.local.cli;

import io.tradewatch.producers.cli.ExitCodes;
import io.tradewatch.producers.cli.PublishCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "tradewatch",
    mixinStandardHelpOptions = true,
    version = "tradewatch 0.1.0",
    description = "Bilateral trade and FDI monitoring on Kafka Streams.",
    subcommands = {
      DemoCommand.class,
      AnalyzeCommand.class,
      RunCommand.class,
      ReplayCommand.class,
      PublishCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 failure (I/O, Kafka), 2 usage error, 3 input rows rejected,"
          + " 4 replay differs from the live outputs, 5 publish: Kafka unreachable within --timeout."
    })
public final class TradewatchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new TradewatchCommand());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("tradewatch: " + e.getMessage());
          org.slf4j.LoggerFactory.getLogger(TradewatchCommand.class).debug("Failure", e);
          return ExitCodes.FAILURE;
        });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
