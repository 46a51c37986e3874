package io.tradewatch.producers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.TradeRecord;
import io.tradewatch.producers.publish.KafkaPublisher;
import io.tradewatch.schemas.RecordChecks;
import io.tradewatch.schemas.Topics;
import io.tradewatch.schemas.WireHeaders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PublishCommandTest {
  private static final String TRADE_HEADER =
      "source,reporter,partner,flow,period,hs_code,value_usd\n";

  @TempDir Path dir;
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final List<Properties> clientSettings = new ArrayList<>();
  private final List<Topics> registries = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli =
        new CommandLine(
            new PublishCommand(
                (topics, props) -> {
                  registries.add(topics);
                  clientSettings.add(props);
                  return new KafkaPublisher(producer, topics, RecordChecks.systemUtc());
                }));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private Path file(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void exitsWithThreeAndNamesFileAndLineWhenRowsAreRejected() throws Exception {
    Path file =
        file(
            "trade.csv",
            TRADE_HEADER
                + "KZ-BNS,KAZ,ARM,X,2023-07,2402,1000.00\n"
                + "KZ-BNS,KAZ,ARM,X,1989-07,2402,1.00\n");

    int exit = run("--bootstrap-servers", "unused:9092", "--no-progress", file.toString());

    assertThat(exit).isEqualTo(ExitCodes.ROWS_REJECTED);
    assertThat(out.toString()).contains("trade.csv (TRADE): 1 published, 1 rejected, 0 skipped");
    assertThat(err.toString()).contains("trade.csv:3: period 1989 is before 1990");
    assertThat(producer.history())
        .extracting(r -> r.topic())
        .as("the good row, the dead letter, then the release of the good row's month")
        .containsExactly(
            "tradewatch.trade-records", "tradewatch.dead-letter", "tradewatch.releases");
  }

  @Test
  void exitsWithZeroAndPublishesFilesInTheOrderGiven() throws Exception {
    Path fdi =
        file(
            "fdi.csv",
            "source,reporter,counterpart,direction,measure,period,value_usd\n"
                + "KZ-NBK,KAZ,ARM,INWARD,GROSS_INFLOW,2023,6000000.00\n");
    Path trade = file("trade.csv", TRADE_HEADER + "KZ-BNS,KAZ,ARM,X,2023,TOTAL,1.00\n");

    int exit =
        run(
            "--bootstrap-servers",
            "unused:9092",
            "--no-progress",
            "--topic-prefix",
            "demo.",
            fdi.toString(),
            trade.toString());

    assertThat(exit).isZero();
    assertThat(producer.history())
        .extracting(r -> r.topic())
        .containsExactly("demo.fdi-records", "demo.trade-records");
    assertThat(out.toString()).contains("fdi.csv (FDI)").contains("trade.csv (TRADE)");
    assertThat(registries)
        .singleElement()
        .satisfies(t -> assertThat(t.prefix()).isEqualTo("demo."));
  }

  @Test
  void passesTheClientConfigFileAndBootstrapServersToThePublisherWithoutPrintingThem()
      throws Exception {
    Path config =
        file(
            "client.properties", "security.protocol=SASL_SSL\nsasl.jaas.config=secret-jaas-line\n");
    Path trade = file("trade.csv", TRADE_HEADER + "KZ-BNS,KAZ,ARM,X,2023,TOTAL,1.00\n");

    int exit =
        run(
            "--bootstrap-servers",
            "broker:9093",
            "--client-config",
            config.toString(),
            "--no-progress",
            trade.toString());

    assertThat(exit).isZero();
    assertThat(clientSettings.get(0))
        .containsEntry("bootstrap.servers", "broker:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config", "secret-jaas-line");
    assertThat(out.toString() + err.toString()).doesNotContain("secret-jaas-line");
  }

  @Test
  void readsComtradeWithAnExplicitFormatSourceAndWorldRows() throws Exception {
    Path comtrade =
        file(
            "kaz.csv",
            "reporterISO,partnerISO,flowCode,refYear,refMonth,cmdCode,primaryValue,customsCode\n"
                + "KAZ,W00,X,2023,52,TOTAL,10,C00\n"
                + "KAZ,ARM,X,2023,52,TOTAL,10,C01\n");

    int exit =
        run(
            "--bootstrap-servers=unused:9092",
            "--no-progress",
            "--format",
            "comtrade",
            "--include-world",
            "--source",
            "KZ-CT",
            comtrade.toString());

    assertThat(exit).isZero();
    var sent = producer.history().get(0);
    assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("KAZ|W00");
    TradeRecord published =
        Topics.defaults()
            .tradeRecords()
            .valueSerde()
            .deserializer()
            .deserialize(sent.topic(), sent.value());
    assertThat(published.getSource()).isEqualTo("KZ-CT");
    assertThat(published.getPartner()).isEqualTo("W00");
    assertThat(out.toString())
        .contains("kaz.csv (COMTRADE): 1 published, 0 rejected, 1 skipped")
        .contains("customsCode C01");
  }

  @Test
  void exitsWithTwoAndPublishesNothingWhenAFileIsMissing() throws Exception {
    Path trade = file("trade.csv", TRADE_HEADER + "KZ-BNS,KAZ,ARM,X,2023,TOTAL,1.00\n");

    int exit =
        run(
            "--bootstrap-servers",
            "unused:9092",
            "--no-progress",
            trade.toString(),
            dir.resolve("missing.csv").toString());

    assertThat(exit).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains(dir.resolve("missing.csv") + ": no such file");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void exitsWithTwoAndPublishesNothingWhenAFileIsADirectory() throws Exception {
    Path trade = file("trade.csv", TRADE_HEADER + "KZ-BNS,KAZ,ARM,X,2023,TOTAL,1.00\n");

    int exit =
        run(
            "--bootstrap-servers",
            "unused:9092",
            "--no-progress",
            trade.toString(),
            dir.toString());

    assertThat(exit).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains(dir + ": is a directory");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void givenBadRowsAndAnEmptyFile_whenPublished_thenEachBadRowIsRejectedAndEveryGoodRowPublished()
      throws Exception {
    Path empty = file("empty.csv", "");
    Path bad = dir.resolve("bad.csv");
    Files.write(
        bad,
        (TRADE_HEADER
                + "KZ-BNS,KAZ,ARM,X,2023-01,TOTAL,1.00\n"
                + "KZ-BNS,KAZ,ARM,X,2023-02,Ger\u00e4t,2.00\n"
                + "KZ-BNS,KAZ,ARM,X,2023-03,TOTAL,\"3.00\n"
                + "P15-HUGE,KAZ,UZB,X,2022-01,TOTAL,1e30\n"
                + "KZ-BNS,KAZ,ARM,X,2023-05,TOTAL,5.00\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    Path good = file("good.csv", TRADE_HEADER + "KZ-BNS,KAZ,ARM,M,2023-01,TOTAL,7.00\n");

    int exit =
        run(
            "--bootstrap-servers",
            "unused:9092",
            "--no-progress",
            empty.toString(),
            bad.toString(),
            good.toString());

    assertThat(exit).isEqualTo(ExitCodes.ROWS_REJECTED);
    assertThat(err.toString())
        .contains("tradewatch: warning: " + empty + " is empty; nothing to publish from it")
        .contains("bad.csv:3: not valid UTF-8")
        .contains("bad.csv:4: unbalanced quote")
        .contains(
            "bad.csv:5: value_usd '1e30' is too large: at most 18 digits before the decimal point"
                + " fit");
    assertThat(out.toString())
        .contains("bad.csv (TRADE): 2 published, 3 rejected, 0 skipped")
        .contains("good.csv (TRADE): 1 published, 0 rejected, 0 skipped");
    Topics topics = Topics.defaults();
    assertThat(producer.history())
        .filteredOn(r -> r.topic().equals(topics.deadLetter().name()))
        .hasSize(3);
    assertThat(producer.history())
        .filteredOn(r -> r.topic().equals(topics.tradeRecords().name()))
        .extracting(
            r ->
                new String(
                    r.headers().lastHeader(WireHeaders.LINE).value(), StandardCharsets.UTF_8))
        .containsExactly("2", "6", "2");
  }

  @Test
  void givenALatin1File_whenPublishedWithItsEncoding_thenEveryRowIsPublished() throws Exception {
    Path latin1 = dir.resolve("latin1.csv");
    Files.write(
        latin1,
        ("source,reporter,partner,flow,period,hs_code,value_usd,quantity_unit\n"
                + "KZ-BNS,KAZ,ARM,X,2023-02,TOTAL,2.00,Ger\u00e4t\n")
            .getBytes(StandardCharsets.ISO_8859_1));

    int exit =
        run("--bootstrap-servers", "unused:9092", "--encoding", "ISO-8859-1", latin1.toString());

    assertThat(exit).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("latin1.csv (TRADE): 1 published, 0 rejected, 0 skipped");
  }

  @Test
  void exitsWithOneWhenARequiredColumnIsMissing() throws Exception {
    Path trade = file("trade.csv", "source,reporter,partner,flow,period,value_usd\n");

    int exit =
        run(
            "--bootstrap-servers",
            "unused:9092",
            "--format",
            "TRADE",
            "--no-progress",
            trade.toString());

    assertThat(exit).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("trade.csv").contains("'hs_code' is missing");
  }

  @Test
  void exitsWithTwoOnUsageErrors() throws Exception {
    Path trade = file("trade.csv", TRADE_HEADER);

    assertThat(run("--no-progress", trade.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--bootstrap-servers");
    assertThat(run("--bootstrap-servers", "b:9092", "--format", "xml", trade.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("--bootstrap-servers", "b:9092", "--rate", "-5", trade.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("--bootstrap-servers", "b:9092")).isEqualTo(ExitCodes.USAGE);
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void passesTimeoutAsDeliveryAndBlockingTimeoutsOverTheClientConfig() throws Exception {
    Path config = file("client.properties", "delivery.timeout.ms=999999\nmax.block.ms=999999\n");
    Path trade = file("trade.csv", TRADE_HEADER + "KZ-BNS,KAZ,ARM,X,2023,TOTAL,1.00\n");

    int exit =
        run(
            "--bootstrap-servers=b:9092",
            "--client-config",
            config.toString(),
            "--timeout",
            "30s",
            "--no-progress",
            trade.toString());

    assertThat(exit).isZero();
    assertThat(clientSettings.get(0))
        .containsEntry("delivery.timeout.ms", "30000")
        .containsEntry("max.block.ms", "30000");
    assertThat(KafkaPublisher.producerProperties(clientSettings.get(0)))
        .as("a request must fit in the delivery timeout, or the client refuses to start")
        .containsEntry("request.timeout.ms", "29980");
  }

  @Test
  void exitsWithTwoOnATimeoutThatIsNotAPositiveDuration() throws Exception {
    Path trade = file("trade.csv", TRADE_HEADER);

    assertThat(run("--bootstrap-servers=b:9092", "--timeout", "0s", trade.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("--bootstrap-servers=b:9092", "--timeout", "soon", trade.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("'soon' is not a positive duration");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void helpListsTheExitCodesAndNeedsNoBroker() {
    int exit = run("--help");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("--bootstrap-servers", "--client-config", "--topic-prefix", "--format")
        .contains("3  some rows rejected")
        .contains("2  usage error")
        .contains("5  Kafka unreachable");
  }
}
