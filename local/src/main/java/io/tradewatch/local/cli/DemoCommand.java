package io.tradewatch.local.cli;

import io.tradewatch.local.report.OutputSnapshot;
import io.tradewatch.local.report.SummaryReport;
import io.tradewatch.local.run.DeadLetterReport;
import io.tradewatch.local.run.InputLoader;
import io.tradewatch.local.run.LoadResult;
import io.tradewatch.local.run.LocalPipeline;
import io.tradewatch.producers.cli.ExitCodes;
import io.tradewatch.producers.cli.InputFiles;
import io.tradewatch.producers.read.ReaderOptions;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.delivery.AlertWebhook;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a broker (embedded unless --bootstrap-servers is given), publishes the sample"
          + " Kazakhstan-Armenia data, runs the topology and prints a summary.",
      "Without --once it keeps running until interrupted (Ctrl-C)."
    })
final class DemoCommand implements Callable<Integer> {
  /** The sample files, in the order they are published. */
  static final List<String> SAMPLE_FILES =
      List.of("targets.csv", "trade-kz-bns.csv", "trade-am-armstat.csv", "fdi-kz-nbk.csv");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConsoleOptions console;

  @Mixin ClusterOptions cluster;
  @Mixin TopologyOptions topology;
  @Mixin DashboardOptions dashboard;

  @Option(names = "--once", description = "Print the summary and exit.")
  boolean once;

  @Option(
      names = "--sample-dir",
      paramLabel = "DIR",
      description = "Directory with the sample files (default: sample-data in the repository).")
  Path sampleDir;

  @Option(
      names = "--rate",
      paramLabel = "RECORDS_PER_SECOND",
      defaultValue = "0",
      description = "Pace publishing for a live demo; 0 publishes as fast as possible.")
  int rate;

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      defaultValue = "UTF-8",
      converter = InputFiles.EncodingConverter.class,
      description = "Character encoding of the sample files (default: ${DEFAULT-VALUE}).")
  Charset encoding;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (rate < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--rate must be 0 or positive, was " + rate);
    }
    cluster.validate(spec);
    topology.validate(spec);
    Path dir = sampleDir != null ? sampleDir : defaultSampleDir();
    for (String name : SAMPLE_FILES) {
      if (!Files.isRegularFile(dir.resolve(name))) {
        err.println("tradewatch: sample file " + dir.resolve(name) + " not found");
        return ExitCodes.USAGE;
      }
    }
    try (LocalPipeline pipeline =
        LocalPipeline.start(
            cluster.connection(),
            "tradewatch-demo",
            Topics.DEFAULT_PREFIX,
            cluster.partitions,
            topology::apply,
            once ? null : dashboard.settings())) {
      err.println("tradewatch: broker " + pipeline.bootstrapServers() + ", topology running");
      AlertWebhook webhook =
          topology.startWebhook(pipeline.clientProperties(), pipeline.topics(), "tradewatch-demo");
      var deadLettersFrom = pipeline.deadLetterEnd();
      LoadResult loaded =
          new InputLoader(pipeline.clientProperties(), pipeline.topics(), rate, !once)
              .load(
                  SAMPLE_FILES.stream().map(dir::resolve).toList(),
                  null,
                  new ReaderOptions(false, null, encoding),
                  err);
      OutputSnapshot snapshot = pipeline.awaitOutputs(Duration.ofMinutes(5), remaining -> {});
      out.print(new SummaryReport(snapshot, pipeline.topics(), pipeline.openAlerts()).render());
      out.flush();
      DeadLetterReport thrownAway =
          DeadLetterReport.read(pipeline.clientProperties(), pipeline.topics(), deadLettersFrom);
      err.print(thrownAway.render());
      err.flush();
      if (!once) {
        if (pipeline.dashboardUrl() != null) {
          out.println(
              "Dashboard: "
                  + pipeline.dashboardUrl()
                  + "/  (metrics: "
                  + pipeline.dashboardUrl()
                  + "/metrics)");
          out.flush();
        }
        err.println("tradewatch: running; press Ctrl-C to stop");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "tradewatch-stop"));
        stop.await();
      }
      if (webhook != null) {
        webhook.close();
      }
      pipeline.requireHealthy();
      return loaded.rejected() + thrownAway.total() > 0 ? ExitCodes.ROWS_REJECTED : ExitCodes.OK;
    }
  }

  static Path defaultSampleDir() {
    String home = System.getProperty("tradewatch.home");
    return (home == null ? Path.of(".") : Path.of(home)).resolve("sample-data");
  }
}
