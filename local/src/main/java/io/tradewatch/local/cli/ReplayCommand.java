package io.tradewatch.local.cli;

import io.tradewatch.local.replay.OutputDiff;
import io.tradewatch.local.replay.Replay;
import io.tradewatch.local.run.ClusterConnection;
import io.tradewatch.producers.cli.ExitCodes;
import io.tradewatch.streams.app.StreamsSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Recomputes every output from the earliest input offsets.",
      "By default into versioned output topics beside the live ones (<prefix>replay-<version>.*),"
          + " then prints what differs from the live outputs, per topic and key.",
      "With --reset, resets the live application the way kafka-streams-application-reset does"
          + " (stop its instances first); its next start reprocesses everything."
    },
    footer = {
      "",
      "Exit codes: 0 replay identical to the live outputs (or reset done), 4 differences found."
    })
final class ReplayCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ClusterOptions cluster;
  @Mixin TopologyOptions topology;

  /** The live application: the one replayed beside, or reset. */
  @Mixin ApplicationOptions application;

  @Option(
      names = "--output-version",
      defaultValue = "1",
      paramLabel = "N",
      description = "Version of the replay's output topics (default: ${DEFAULT-VALUE}).")
  int version;

  @Option(names = "--reset", description = "Reset the live application instead.")
  boolean reset;

  @Option(
      names = "--keys",
      defaultValue = "10",
      description = "Keys listed per kind of difference.")
  int keysShown;

  @Override
  public Integer call() throws Exception {
    topology.validate(spec);
    ClusterConnection connection = cluster.requireCluster(spec);
    PrintWriter out = spec.commandLine().getOut();
    Properties client = connection.clientPropertiesFor(connection.bootstrapServers());
    StreamsSettings live =
        topology.apply(
            application.apply(
                StreamsSettings.defaults(connection.bootstrapServers(), Path.of("unused"))
                    .withClientProperties(connection.clientProperties())));
    Replay replay = new Replay(client, live);
    if (reset) {
      List<String> deleted = replay.reset();
      out.println(
          "Reset "
              + application.applicationId
              + ": offsets and "
              + deleted.size()
              + " internal topics deleted;"
              + " start it again (with a clean state directory) to reprocess every input.");
      return ExitCodes.OK;
    }
    OutputDiff diff;
    try (Progress progress = new Progress()) {
      diff = replay.versioned(version, cluster.partitions, Duration.ofHours(6), progress);
    }
    out.println("Replay " + version + " into " + replay.replayTopics(version).outputPrefix() + "*");
    out.print(diff.render(keysShown));
    out.println(diff.isEmpty() ? "Identical to the live outputs." : "Differences found.");
    return diff.isEmpty() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
  }

  /** A progress bar over the input records still to process, on stderr. */
  private static final class Progress implements LongConsumer, AutoCloseable {
    private ProgressBar bar;
    private long max;

    @Override
    public void accept(long remaining) {
      if (bar == null) {
        max = Math.max(remaining, 1);
        bar =
            new ProgressBarBuilder()
                .setTaskName("replay")
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUnit(" records", 1)
                .build();
      }
      bar.stepTo(Math.max(0, max - remaining));
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
