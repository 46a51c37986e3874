package io.tradewatch.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewatch.streams.app.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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

  private static StreamsSettings settings(Probe probe, Map<String, String> clientConfig) {
    return probe.topology.apply(
        StreamsSettings.defaults("localhost:9092", Path.of("state"))
            .withClientProperties(clientConfig));
  }

  @Test
  void givenACommitIntervalInTheClientConfigOnly_whenTheTopologyIsConfigured_thenItIsUsed() {
    StreamsSettings settings = settings(parse(), Map.of("commit.interval.ms", "1000"));

    assertThat(settings.commitInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.toProperties()).containsEntry("commit.interval.ms", 1000L);
  }

  @Test
  void givenACommitIntervalInBothPlaces_whenTheTopologyIsConfigured_thenTheOptionWins() {
    StreamsSettings settings =
        settings(parse("--commit-interval-ms", "500"), Map.of("commit.interval.ms", "1000"));

    assertThat(settings.toProperties()).containsEntry("commit.interval.ms", 500L);
  }

  @Test
  void givenAGuaranteeInTheClientConfigOnly_whenTheTopologyIsConfigured_thenItIsUsed() {
    assertThat(
            settings(parse(), Map.of("processing.guarantee", "at_least_once"))
                .processingGuarantee())
        .isEqualTo("at_least_once");
    assertThat(settings(parse()).processingGuarantee()).isEqualTo("exactly_once_v2");
    assertThat(
            settings(
                    parse("--processing-guarantee", "exactly_once_v2"),
                    Map.of("processing.guarantee", "at_least_once"))
                .processingGuarantee())
        .isEqualTo("exactly_once_v2");
  }

  @Test
  void givenACommitIntervalInTheClientConfigThatIsNotANumber_whenConfigured_thenTheErrorNamesIt() {
    assertThatThrownBy(() -> settings(parse(), Map.of("commit.interval.ms", "1s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "commit.interval.ms in the client config must be a number of milliseconds, was '1s'");
  }

  @Test
  void givenANonPositiveCommitInterval_whenTheOptionsAreChecked_thenTheErrorNamesTheOption() {
    Probe probe = parse("--commit-interval-ms", "0");

    assertThatThrownBy(() -> probe.topology.validate(probe.spec))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage("--commit-interval-ms must be positive, was 0");
  }
}
