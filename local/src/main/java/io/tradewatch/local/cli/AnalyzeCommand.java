package io.tradewatch.local.cli;

import io.tradewatch.local.report.OutputSnapshot;
import io.tradewatch.local.report.RecordPrinter;
import io.tradewatch.local.run.DeadLetterReport;
import io.tradewatch.local.run.InputLoader;
import io.tradewatch.local.run.LoadResult;
import io.tradewatch.local.run.LocalPipeline;
import io.tradewatch.producers.cli.ExitCodes;
import io.tradewatch.producers.cli.FileReadingOptions;
import io.tradewatch.producers.cli.InputFiles;
import io.tradewatch.producers.read.InputFormat;
import io.tradewatch.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the pipeline over your files, in the order given, and prints every final output"
          + " record.",
      "On a real cluster (--bootstrap-servers) it uses its own topics and application id, so"
          + " nothing else is touched."
    })
final class AnalyzeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConsoleOptions console;

  @Mixin ClusterOptions cluster;
  @Mixin TopologyOptions topology;

  @Option(names = "--json", description = "One JSON object per line; decimals as strings.")
  boolean json;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Input format: ${COMPLETION-CANDIDATES}; default: detected from the header.")
  InputFormat format;

  @Mixin FileReadingOptions reading;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Input files.")
  List<Path> files;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Everything the user typed is checked before a broker starts (seconds) or a topic is made.
    cluster.validate(spec);
    topology.validate(spec);
    InputFiles.requireReadable(spec, files);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String prefix =
        cluster.connection().isEmbedded()
            ? Topics.DEFAULT_PREFIX
            : "tradewatch-analyze-" + run + ".";
    try (LocalPipeline pipeline =
        LocalPipeline.start(
            cluster.connection(),
            "tradewatch-analyze-" + run,
            prefix,
            cluster.partitions,
            topology::apply)) {
      var deadLettersFrom = pipeline.deadLetterEnd();
      LoadResult loaded =
          new InputLoader(pipeline.clientProperties(), pipeline.topics(), 0, false)
              .load(files, format, reading.readerOptions(false), err);
      OutputSnapshot snapshot = pipeline.awaitOutputs(Duration.ofMinutes(30), remaining -> {});
      if (json) {
        RecordPrinter.json(snapshot, pipeline.topics(), out);
      } else {
        RecordPrinter.tables(snapshot, pipeline.topics(), out);
      }
      out.flush();
      DeadLetterReport thrownAway =
          DeadLetterReport.read(pipeline.clientProperties(), pipeline.topics(), deadLettersFrom);
      err.print(thrownAway.render());
      err.flush();
      return loaded.rejected() + thrownAway.total() > 0 ? ExitCodes.ROWS_REJECTED : ExitCodes.OK;
    }
  }
}
