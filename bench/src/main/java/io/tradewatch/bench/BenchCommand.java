package io.tradewatch.bench;

import io.tradewatch.producers.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The benchmark's command line; prints the results as Markdown on stdout. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Times the tradewatch topology against a plain-consumer baseline on an embedded KRaft"
            + " broker, for each input shape (--shapes: sparse records and dense customs"
            + " releases), measures end-to-end latency and CSV ingest, and prints Markdown"
            + " tables.")
final class BenchCommand implements Callable<Integer> {
  private static final BenchOptions DEFAULTS = BenchOptions.defaults();

  @Spec CommandSpec spec;

  @Option(
      names = "--records",
      description = "synthetic records pre-loaded for each shape (default 2000000)")
  long records = DEFAULTS.records();

  @Option(
      names = "--shapes",
      split = ",",
      paramLabel = "SHAPE",
      converter = ShapeConverter.class,
      description =
          "input shapes drained, each on input topics of its own (default sparse,customs):"
              + " sparse, ~0.1 record per country pair and month, published in one batch;"
              + " customs, whole reporter-months of thousands of HS6 rows (~10000 at 2000000"
              + " records) folding into few series, published release by release")
  List<Shape> shapes = DEFAULTS.shapes();

  @Option(names = "--seed", description = "seed of the synthetic data (default 42)")
  long seed = DEFAULTS.seed();

  @Option(names = "--warmups", description = "discarded passes per figure (default 1)")
  int warmups = DEFAULTS.warmups();

  @Option(names = "--runs", description = "measured passes per figure, median reported (default 3)")
  int runs = DEFAULTS.runs();

  @Option(names = "--partitions", description = "partitions of every topic (default 2)")
  int partitions = DEFAULTS.partitions();

  @Option(names = "--threads", description = "stream threads of each instance (default 1)")
  int threads = DEFAULTS.threads();

  @Option(
      names = "--instances",
      description =
          "Kafka Streams instances of each drained application, side by side in this JVM in one"
              + " consumer group (default 1)")
  int instances = DEFAULTS.instances();

  @Option(
      names = "--ingest-rows",
      description = "rows per ingest CSV file, 0 to skip (default 500000)")
  long ingestRows = DEFAULTS.ingestRows();

  @Option(
      names = "--e2e-seconds",
      description = "latency measurement duration, 0 to skip (default 20)")
  int e2eSeconds = DEFAULTS.e2eSeconds();

  @Option(
      names = "--e2e-rate",
      description =
          "input records/s of the latency measurement (default: half the sparse shape's ALOS"
              + " rate; required when --shapes leaves out sparse)")
  int e2eRate = DEFAULTS.e2eRate();

  @Option(
      names = "--e2e-guarantees",
      split = ",",
      description =
          "guarantees the latency is measured for (default at_least_once,exactly_once_v2)")
  List<String> e2eGuarantees = DEFAULTS.e2eGuarantees();

  @Option(
      names = "--quiet-ms",
      description = "quiet period that ends a drain, untimed (default 2000)")
  long quietMs = DEFAULTS.quietPeriod().toMillis();

  @Option(names = "--timeout-s", description = "longest single drain (default 1800)")
  long timeoutSeconds = DEFAULTS.timeout().toSeconds();

  @Option(
      names = "--commit-interval-ms",
      description =
          "commit interval of the topology, which is also how often its caches fold updates"
              + " (default: the application's, 200)")
  long commitIntervalMs = DEFAULTS.commitInterval().toMillis();

  @Option(
      names = "--streams-config",
      paramLabel = "KEY=VALUE",
      description =
          "a Kafka Streams or client setting of the topology, e.g. producer.linger.ms=5"
              + " (repeatable)")
  Map<String, String> streamsConfig = new LinkedHashMap<>();

  @Option(
      names = "--producer-config",
      paramLabel = "KEY=VALUE",
      description = "a producer setting of the ingest runs, e.g. batch.size=131072 (repeatable)")
  Map<String, String> producerConfig = new LinkedHashMap<>();

  @Option(names = "--markdown", description = "also write the Markdown results to this file")
  Path markdown;

  @Option(
      names = "--quick",
      description =
          "development mode, about 2 minutes on 2 cores: sets --records "
              + BenchOptions.QUICK_RECORDS
              + " --warmups "
              + BenchOptions.QUICK_WARMUPS
              + " --runs "
              + BenchOptions.QUICK_RUNS
              + " --e2e-seconds "
              + BenchOptions.QUICK_E2E_SECONDS
              + " --ingest-rows "
              + BenchOptions.QUICK_INGEST_ROWS
              + ", except those given explicitly. Single JIT-cold passes over a small input:"
              + " to see that a change runs and roughly where it lands, not to publish")
  boolean quick;

  /**
   * The options parsed, with {@code --quick}'s values where the user did not give the option.
   *
   * @throws IllegalArgumentException naming the option of a value out of range
   */
  BenchOptions options() {
    BenchOptions.Builder builder = BenchOptions.builder();
    if (quick) {
      builder.quick();
    }
    if (given("--records")) {
      builder.records(records);
    }
    if (given("--warmups")) {
      builder.warmups(warmups);
    }
    if (given("--runs")) {
      builder.runs(runs);
    }
    if (given("--e2e-seconds")) {
      builder.e2eSeconds(e2eSeconds);
    }
    if (given("--ingest-rows")) {
      builder.ingestRows(ingestRows);
    }
    return builder
        .shapes(shapes)
        .seed(seed)
        .partitions(partitions)
        .threads(threads)
        .instances(instances)
        .e2eRate(e2eRate)
        .e2eGuarantees(e2eGuarantees)
        .quietPeriod(Duration.ofMillis(quietMs))
        .timeout(Duration.ofSeconds(timeoutSeconds))
        .commitInterval(Duration.ofMillis(commitIntervalMs))
        .streamsConfig(streamsConfig)
        .producerConfig(producerConfig)
        .build();
  }

  /** Whether {@code option} is to be taken from the command line rather than from --quick. */
  private boolean given(String option) {
    return !quick || spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  @Override
  public Integer call() throws Exception {
    BenchOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return ExitCodes.USAGE;
    }
    String table = new Benchmark(options).run().markdown();
    PrintWriter out = spec.commandLine().getOut();
    out.print(table);
    out.flush();
    if (markdown != null) {
      Files.writeString(markdown, table, StandardCharsets.UTF_8);
    }
    return ExitCodes.OK;
  }

  /** Accepts any letter case, e.g. {@code --shapes customs}. */
  static final class ShapeConverter implements CommandLine.ITypeConverter<Shape> {
    @Override
    public Shape convert(String value) {
      try {
        return Shape.of(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
