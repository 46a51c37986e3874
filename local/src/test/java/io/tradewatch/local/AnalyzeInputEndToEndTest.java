package io.tradewatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.broker.KafkaBrokerExtension;
import io.tradewatch.local.cli.TradewatchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code analyze} on the input a user really has: usage errors found before any broker starts, bad
 * rows rejected one by one while every good row of every file is used, and the rows the topology
 * throws away shown with their file, line and reason.
 */
class AnalyzeInputEndToEndTest {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  private static final String HEADER =
      "source,reporter,partner,flow,period,hs_code,value_usd,revision\n";

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = TradewatchCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private Path trade(String name) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, HEADER + "KZ-BNS,KAZ,ARM,X,2023-01,TOTAL,1.00,1\n");
    return file;
  }

  @Test
  void givenZeroPartitions_whenAnalyzing_thenUsageErrorNamingTheOption() throws Exception {
    // No --bootstrap-servers: an embedded broker would start if the check came late.
    int exit = run("analyze", "--partitions", "0", trade("t.csv").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--partitions must be at least 1, was 0");
  }

  @Test
  void givenANegativeCifFobFactor_whenAnalyzing_thenUsageErrorNamingTheOption() throws Exception {
    int exit = run("analyze", "--cif-fob-factor", "-1", trade("t.csv").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--cif-fob-factor must be positive, was -1");
  }

  @Test
  void givenAMissingFileOrADirectory_whenAnalyzing_thenUsageErrorNamingThePathAndWhy()
      throws Exception {
    Path missing = dir.resolve("missing.csv");

    assertThat(run("analyze", trade("t.csv").toString(), missing.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(missing + ": no such file");
    assertThat(run("analyze", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(dir + ": is a directory");
  }

  @Test
  void givenBadRowsAndRowsTheTopologyRejects_whenAnalyzed_thenEachIsShownAndEveryGoodRowIsUsed()
      throws Exception {
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    Path bad = dir.resolve("bad.csv");
    Files.write(
        bad,
        (HEADER
                + "KZ-BNS,KAZ,ARM,X,2023-01,TOTAL,100.00,2\n" // 2
                + "KZ-BNS,KAZ,ARM,X,2023-02,Ger\u00e4t,2.00,1\n" // 3: Latin-1 byte
                + "KZ-BNS,KAZ,ARM,X,2023-03,TOTAL,\"3.00,1\n" // 4: quote left open
                + "P15-HUGE,KAZ,UZB,X,2022-01,TOTAL,1e30,1\n" // 5: too large for the schema
                + "KZ-BNS,KAZ,ARM,X,2023-01,TOTAL,90.00,1\n" // 6: stale revision
                + "KZ-BNS,KAZ,ARM,X,2023-01,TOTAL,95.00,2\n") // 7: revision 2 with another value
            .getBytes(StandardCharsets.ISO_8859_1));
    Path good = dir.resolve("good.csv");
    Files.writeString(good, HEADER + "KZ-BNS,KAZ,ARM,M,2023-01,TOTAL,40.00,1\n");

    int exit =
        run(
            "analyze",
            "--json",
            "--bootstrap-servers",
            KAFKA.bootstrapServers(),
            empty.toString(),
            bad.toString(),
            good.toString());

    assertThat(exit).isEqualTo(3);
    assertThat(err.toString())
        .contains("tradewatch: warning: " + empty + " is empty; nothing to publish from it")
        .contains("bad.csv:3: not valid UTF-8")
        .contains("bad.csv:4: unbalanced quote")
        .contains(
            "bad.csv:5: value_usd '1e30' is too large: at most 18 digits before the decimal point"
                + " fit")
        .contains("The topology rejected 2 records (in the dead-letter topic):")
        .contains("  stale-revision: 2")
        .contains(
            "    bad.csv:6: revision 1 of KZ-BNS|KAZ|ARM|X|2023-01|TOTAL is older than the applied"
                + " revision 2")
        .contains(
            "    bad.csv:7: revision 2 of KZ-BNS|KAZ|ARM|X|2023-01|TOTAL was already applied with"
                + " value 100.00");
    // Revision 2 of exports and good.csv's imports, from the files after the bad rows.
    assertThat(out.toString())
        .contains("\"key\":\"KZ-BNS|KAZ|ARM|TOTAL|2023-01\"")
        .contains("\"turnoverUsd\":\"140.00\"");
  }
}
