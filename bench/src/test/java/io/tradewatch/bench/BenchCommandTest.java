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
  void shouldDescribeTheShapesInTheHelp() {
    String usage = new CommandLine(new BenchCommand()).getUsageMessage();

    assertThat(usage).contains("--shapes=SHAPE").contains("sparse").contains("customs");
  }

  private static BenchCommand parse(String... args) {
    BenchCommand command = new BenchCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }
}
