package io.tradewatch.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.producers.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The commands that cannot start an embedded broker share one rule for a missing cluster. */
class RequiredClusterTest {
  @ParameterizedTest
  @ValueSource(strings = {"run", "replay", "publish"})
  void withoutBootstrapServersTheCommandIsAUsageErrorNamingTheOption(
      String command, @TempDir Path dir) throws IOException {
    // Given a command that needs a real cluster, and no --bootstrap-servers nor config file
    Path file = Files.writeString(dir.resolve("trade.csv"), "reporter\n");
    CommandLine cli = TradewatchCommand.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    String[] args =
        command.equals("publish")
            ? new String[] {command, file.toString()}
            : new String[] {command};

    // When it runs
    int exit = cli.execute(args);

    // Then it exits with the usage code, naming the option and where else it may be given
    assertThat(exit).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("Missing required option: '--bootstrap-servers=HOST:PORT[,...]'")
        .contains("bootstrap.servers in --client-config");
  }
}
