package io.tradewatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewatch.broker.KafkaBrokerExtension;
import io.tradewatch.local.cli.TradewatchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands a user types, run in-process with their output captured. */
class CommandLineEndToEndTest {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = TradewatchCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void demoOncePrintsThePublishedFiguresOnItsOwnEmbeddedBroker() {
    int exit = run("demo", "--once", "--sample-dir", SampleDataEndToEndTest.SAMPLES.toString());

    assertThat(exit).as(err.toString()).isZero();
    String kazakh2023 =
        out.toString()
            .lines()
            .filter(l -> l.startsWith("KZ-BNS") && l.contains(" 2023 "))
            .findFirst()
            .orElseThrow();
    assertThat(kazakh2023).contains("33.3 M", "19.8 M", "53.1 M", "+23.1 %", "×3.50");
    assertThat(out.toString()).contains("2024 Jan–Jul").contains("17.9 M");
    assertThat(out.toString()).contains("AM-ARMSTAT").contains("100.4 M");
    assertThat(out.toString()).contains("KZ-ARM-70-PRODUCTS").contains("350.0 M");
    assertThat(out.toString()).contains("20.6 M (2005)").contains("56.5 M (2005)");
    assertThat(out.toString())
        .contains("Alerts raised")
        .contains("AM-ARMSTAT reports ARM exports to KAZ of 71.3 M USD");
  }

  @Test
  void analyzeReadsUnComtradeCsvSkippingBreakdownAndWorldRows() throws Exception {
    Path fixture = Path.of("src/test/resources/comtrade-kaz-arm.csv");

    int exit =
        run(
            "analyze",
            "--json",
            "--format",
            "comtrade",
            "--bootstrap-servers",
            KAFKA.bootstrapServers(),
            fixture.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(err.toString())
        .contains("comtrade-kaz-arm.csv (COMTRADE): 5 published, 0 rejected, 4 skipped")
        .contains("customsCode C01")
        .contains("motCode 1000")
        .contains("partner2Code 51")
        .contains("World");
    ObjectMapper json = new ObjectMapper();
    java.util.Map<String, JsonNode> byKey = new java.util.HashMap<>();
    for (String line : out.toString().lines().toList()) {
      JsonNode node = json.readTree(line);
      byKey.put(
          node.get("topic").asText().replaceAll(".*\\.", "") + " " + node.get("key").asText(),
          node.get("value"));
    }
    JsonNode january = byKey.get("trade-monthly UNCOMTRADE-KAZ|KAZ|ARM|TOTAL|2023-01");
    assertThat(january.get("exportsUsd").asText()).isEqualTo("3000.75");
    assertThat(january.get("importsUsd").asText())
        .as("300.125 rounded half-even")
        .isEqualTo("300.12");
    assertThat(byKey).containsKey("trade-monthly UNCOMTRADE-KAZ|KAZ|ARM|08|2023-01");
    JsonNode y2022 = byKey.get("trade-annual UNCOMTRADE-KAZ|KAZ|ARM|TOTAL|2022");
    assertThat(y2022.get("turnoverUsd").asText()).isEqualTo("19999.99");
    assertThat(y2022.get("exportsBasis").asText()).isEqualTo("ANNUAL_RECORD");
  }

  @Test
  void analyzeJsonPrintsEveryFinalRecordWithDecimalsAsStrings(@TempDir Path dir) throws Exception {
    Path trade = dir.resolve("mine.csv");
    Files.writeString(
        trade,
        "source,reporter,partner,flow,period,hs_code,value_usd\n"
            + "KZ-BNS,KAZ,ARM,X,2023-01,7202,100.10\n"
            + "KZ-BNS,KAZ,ARM,M,2023-01,0806,50.05\n"
            + "KZ-BNS,KAZ,ARM,X,2023-01,7202,not-a-number\n");

    int exit =
        run("analyze", "--json", "--bootstrap-servers", KAFKA.bootstrapServers(), trade.toString());

    assertThat(exit).as("a row was rejected").isEqualTo(3);
    assertThat(err.toString()).contains("mine.csv:4:").contains("not-a-number");
    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : out.toString().lines().toList()) {
      lines.add(json.readTree(line));
    }
    JsonNode january =
        lines.stream()
            .filter(n -> n.get("key").asText().equals("KZ-BNS|KAZ|ARM|TOTAL|2023-01"))
            .findFirst()
            .orElseThrow();
    assertThat(january.get("topic").asText()).endsWith("trade-monthly");
    assertThat(january.get("value").get("turnoverUsd").isTextual()).isTrue();
    assertThat(january.get("value").get("turnoverUsd").asText()).isEqualTo("150.15");
    assertThat(january.get("value").get("balanceUsd").asText()).isEqualTo("50.05");
  }
}
