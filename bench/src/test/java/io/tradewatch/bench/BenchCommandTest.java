package io.tradewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  @Test
  void shouldDrainBothShapesByDefault() {
    BenchCommand command = parse();

    assertThat(command.shapes).containsExactly(Shape.SPARSE, Shape.CUSTOMS);
  }

  @Test
  void shouldDrainOnlyTheShapesListed() {
    assertThat(parse("--shapes", "customs").shapes).containsExactly(Shape.CUSTOMS);
    assertThat(parse("--shapes", "Customs,sparse").shapes)
        .containsExactly(Shape.CUSTOMS, Shape.SPARSE);
  }

  @Test
  void shouldRejectAnUnknownShapeNamingTheOption() {
    assertThatThrownBy(() -> parse("--shapes", "dense"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--shapes")
        .hasMessageContaining("'dense' is not one of sparse, customs");
  }

  @Test
  void shouldRejectAShapeListedTwice() {
    assertThatThrownBy(
            () -> BenchOptions.builder().shapes(List.of(Shape.CUSTOMS, Shape.CUSTOMS)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--shapes must list each shape once, had [customs, customs]");
  }

  @Test
  void shouldRequireALatencyRateWhenTheSparseShapeDoesNotRun() {
    // A customs drain's rate would overload the sparse records the latency is measured on.
    assertThatThrownBy(() -> BenchOptions.builder().shapes(List.of(Shape.CUSTOMS)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--e2e-rate must be given when --shapes leaves out sparse");

    assertThat(
            BenchOptions.builder().shapes(List.of(Shape.CUSTOMS)).e2eRate(1_000).build().e2eRate())
        .isEqualTo(1_000);
    assertThat(BenchOptions.builder().shapes(List.of(Shape.CUSTOMS)).e2eSeconds(0).build().shapes())
        .containsExactly(Shape.CUSTOMS);
  }

  @Test
  void shouldDrainWithAsManyInstancesAsAsked() {
    assertThat(parse().options().instances()).isEqualTo(1);
    assertThat(parse("--instances", "2", "--threads", "2").options())
        .extracting(BenchOptions::instances, BenchOptions::threads)
        .containsExactly(2, 2);
    assertThatThrownBy(() -> parse("--instances", "0").options())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--instances must be at least 1, was 0");
  }

  @Test
  void shouldDescribeTheShapesInTheHelp() {
    String usage = new CommandLine(new BenchCommand()).getUsageMessage();

    assertThat(usage).contains("--shapes=SHAPE").contains("sparse").contains("customs");
  }

  @Test
  void shouldTakeTheDefaultsWithoutQuick() {
    assertThat(parse().options()).isEqualTo(BenchOptions.defaults());
  }

  @Test
  void shouldRunSmallSinglePassesUnderQuick() {
    BenchOptions options = parse("--quick").options();

    assertThat(options.records()).isEqualTo(10_000);
    assertThat(options.warmups()).isZero();
    assertThat(options.runs()).isEqualTo(1);
    assertThat(options.e2eSeconds()).isEqualTo(5);
    assertThat(options.ingestRows()).isEqualTo(20_000);
    // and leaves the rest at the defaults
    assertThat(options)
        .usingRecursiveComparison()
        .ignoringFields("records", "warmups", "runs", "e2eSeconds", "ingestRows")
        .isEqualTo(BenchOptions.defaults());
  }

  @Test
  void shouldKeepOptionsGivenExplicitlyUnderQuick() {
    // --warmups 1 is the default value: given explicitly, it still wins over --quick's 0
    BenchOptions options =
        parse("--records", "5000", "--quick", "--warmups", "1", "--e2e-seconds", "0").options();

    assertThat(options.records()).isEqualTo(5_000);
    assertThat(options.warmups()).isEqualTo(1);
    assertThat(options.e2eSeconds()).isZero();
    assertThat(options.runs()).isEqualTo(1);
    assertThat(options.ingestRows()).isEqualTo(20_000);
  }

  @Test
  void shouldSayInTheHelpWhatQuickSets() {
    String usage = new CommandLine(new BenchCommand()).getUsageMessage();

    assertThat(usage.replaceAll("\\s+", " "))
        .contains(
            "--quick development mode, about 2 minutes on 2 cores: sets --records 10000 --warmups"
                + " 0 --runs 1 --e2e-seconds 5 --ingest-rows 20000, except those given"
                + " explicitly");
  }

  private static BenchCommand parse(String... args) {
    BenchCommand command = new BenchCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }
}
