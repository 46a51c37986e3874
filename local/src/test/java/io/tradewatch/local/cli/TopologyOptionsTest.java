package io.tradewatch.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewatch.streams.app.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

class TopologyOptionsTest {
  @Command(name = "probe")
  static final class Probe {
    @Spec CommandSpec spec;
    @Mixin TopologyOptions topology;
  }

  private static Probe parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe;
  }

  private static StreamsSettings settings(Probe probe) {
    return probe.topology.apply(StreamsSettings.defaults("localhost:9092", Path.of("state")));
  }

  @Test
  void givenNoCommitInterval_whenTheTopologyIsConfigured_thenItCommitsEvery200Ms() {
    assertThat(settings(parse()).commitInterval())
        .isEqualTo(StreamsSettings.DEFAULT_COMMIT_INTERVAL)
        .isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void givenALongerCommitIntervalForAReplay_whenTheTopologyIsConfigured_thenItIsUsed() {
    Probe probe = parse("--commit-interval-ms", "1000");
    probe.topology.validate(probe.spec);

    assertThat(settings(probe).commitInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings(probe).toProperties()).containsEntry("commit.interval.ms", 1000L);
  }

  @Test
  void givenANonPositiveCommitInterval_whenTheOptionsAreChecked_thenTheErrorNamesTheOption() {
    Probe probe = parse("--commit-interval-ms", "0");

    assertThatThrownBy(() -> probe.topology.validate(probe.spec))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage("--commit-interval-ms must be positive, was 0");
  }
}
