package io.tradewatch.producers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.producers.publish.KafkaPublisher;
import io.tradewatch.schemas.RecordChecks;
import io.tradewatch.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PublishCommandTest {
  @TempDir Path dir;
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

  private CommandLine cli(StringWriter out, StringWriter err) {
    CommandLine cli =
        new CommandLine(
            new PublishCommand(
                props ->
                    new KafkaPublisher(producer, Topics.defaults(), RecordChecks.systemUtc())));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli;
  }

  @Test
  void exitsWithThreeAndNamesFileAndLineWhenRowsAreRejected() throws Exception {
    Path file = dir.resolve("trade.csv");
    Files.writeString(
        file,
        "source,reporter,partner,flow,period,hs_code,value_usd\n"
            + "KZ-BNS,KAZ,ARM,X,2023-07,2402,1000.00\n"
            + "KZ-BNS,KAZ,ARM,X,1989-07,2402,1.00\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit =
        cli(out, err)
            .execute("--bootstrap-servers", "unused:9092", "--no-progress", file.toString());

    assertThat(exit).isEqualTo(PublishCommand.ROWS_REJECTED);
    assertThat(out.toString()).contains("trade.csv (TRADE): 1 published, 1 rejected");
    assertThat(err.toString()).contains("trade.csv:3: period 1989 is before 1990");
  }

  @Test
  void exitsWithZeroWhenEveryRowIsPublished() throws Exception {
    Path file = dir.resolve("fdi.csv");
    Files.writeString(
        file,
        "source,reporter,counterpart,direction,measure,period,value_usd\n"
            + "KZ-NBK,KAZ,ARM,INWARD,GROSS_INFLOW,2023,6000000.00\n");

    int exit =
        cli(new StringWriter(), new StringWriter())
            .execute("--bootstrap-servers", "unused:9092", "--no-progress", file.toString());

    assertThat(exit).isZero();
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void helpListsTheExitCodesAndNeedsNoBroker() {
    StringWriter out = new StringWriter();

    int exit = cli(out, new StringWriter()).execute("--help");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("--bootstrap-servers")
        .containsPattern("3 some\\s+rows\\s+rejected");
  }
}
