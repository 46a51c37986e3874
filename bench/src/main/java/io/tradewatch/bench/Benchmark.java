package io.tradewatch.bench;

import io.tradewatch.avro.TradeRecord;
import io.tradewatch.broker.EmbeddedKafkaCluster;
import io.tradewatch.producers.publish.KafkaPublisher;
import io.tradewatch.producers.read.InputFormat;
import io.tradewatch.producers.synthetic.CustomsReleases;
import io.tradewatch.producers.synthetic.SyntheticTrade;
import io.tradewatch.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole benchmark: starts an embedded broker; for each input shape pre-loads its synthetic
 * records once on input topics of its own, then times the baseline, the Kafka Streams floor and the
 * topology (at-least-once and exactly-once); then end-to-end latency at a fixed rate and CSV ingest
 * (on sparse records); and returns the figures.
 */
public final class Benchmark {
  private static final Logger LOG = LoggerFactory.getLogger(Benchmark.class);

  private final BenchOptions options;

  public Benchmark(BenchOptions options) {
    this.options = options;
  }

  public BenchReport run() throws IOException, InterruptedException {
    Path workDir = Files.createTempDirectory("tradewatch-bench-");
    double loadAtStart = loadAverage();
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(1)) {
      Properties client = new Properties();
      client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
      List<BenchReport.ShapeDrains> shapes = new ArrayList<>();
      for (Shape shape : options.shapes()) {
        shapes.add(drains(shape, cluster, client, workDir));
      }
      // Latency runs on sparse records; its default rate follows the sparse drains (without them
      // the options require a rate: a customs rate would overload sparse records).
      BenchReport.ShapeDrains pacing =
          shapes.stream().filter(s -> s.shape() == Shape.SPARSE).findFirst().orElse(shapes.get(0));
      List<BenchReport.Latency> latencies =
          latencies(cluster, client, workDir, pacing.topology().get(0));
      List<BenchReport.Ingest> ingest = ingest(cluster, client, workDir);
      return new BenchReport(
          machine()
              + String.format(
                  Locale.ROOT,
                  "; system load average (1 min) %.1f at start, %.1f at end",
                  loadAtStart,
                  loadAverage()),
          options,
          shapes,
          latencies,
          ingest);
    } finally {
      BenchFiles.deleteTree(workDir);
    }
  }

  /** Pre-loads one shape on input topics of its own and times every drain of them. */
  private BenchReport.ShapeDrains drains(
      Shape shape, EmbeddedKafkaCluster cluster, Properties client, Path workDir)
      throws IOException, InterruptedException {
    String label = shape.label();
    Topics inputs = Topics.withPrefix("bench." + label + ".");
    cluster.createTopics(inputs.all(), options.partitions());
    Preloaded preload = preload(shape, inputs, client);

    Baseline baseline = new Baseline(client, inputs.tradeRecords().name());
    List<Measurement> baselineRuns = new ArrayList<>();
    for (int i = 0; i < options.warmups() + options.runs(); i++) {
      Measurement m = baseline.run(options.records());
      log(label + " baseline", i, m);
      if (i >= options.warmups()) {
        baselineRuns.add(m);
      }
    }
    LOG.info("{} baseline: {} series-months summed", label, baseline.seriesMonths());

    // The floor and the guarantees alternate pass by pass, so JIT warm-up and the machine's
    // background load (other processes share the cores) fall on all alike rather than on
    // whichever runs first.
    TopologyDrain drain = new TopologyDrain(cluster, client, inputs, options, workDir);
    List<String> guarantees = List.of(StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2);
    List<List<Measurement>> runs = List.of(new ArrayList<>(), new ArrayList<>());
    List<Measurement> floorRuns = new ArrayList<>();
    for (int i = 0; i < options.warmups() + options.runs(); i++) {
      Measurement floor =
          drain.run(
              TopologyDrain.Pipeline.STREAMS_FLOOR,
              StreamsConfig.AT_LEAST_ONCE,
              "bench-" + label + "-floor-" + i,
              options.records());
      log(label + " Kafka Streams floor", i, floor);
      if (i >= options.warmups()) {
        floorRuns.add(floor);
      }
      for (int g = 0; g < guarantees.size(); g++) {
        String guarantee = guarantees.get(g);
        String shortName = guarantee.startsWith("exactly") ? "eos" : "alos";
        Measurement m =
            drain.run(
                TopologyDrain.Pipeline.FULL,
                guarantee,
                "bench-" + label + "-" + shortName + "-" + i,
                options.records());
        log(label + " topology " + guarantee, i, m);
        if (i >= options.warmups()) {
          runs.get(g).add(m);
        }
      }
    }
    List<BenchReport.Drain> topology = new ArrayList<>();
    for (int g = 0; g < guarantees.size(); g++) {
      topology.add(Measurement.drain("full topology, " + guarantees.get(g), runs.get(g)));
    }
    return new BenchReport.ShapeDrains(
        shape,
        preload.description(),
        preload.drain(),
        Measurement.drain("baseline: plain consumer + Avro decode + HashMap sums", baselineRuns),
        Measurement.drain(
            "Kafka Streams floor: the same sums in one aggregate, at_least_once", floorRuns),
        topology);
  }

  /** A pre-load and what its input looks like. */
  private record Preloaded(BenchReport.Drain drain, String description) {}

  private Preloaded preload(Shape shape, Topics inputs, Properties client) throws IOException {
    try (ResourceMeter meter = new ResourceMeter();
        KafkaPublisher publisher = KafkaPublisher.create(client, inputs)) {
      long t0 = System.nanoTime();
      String description;
      switch (shape) {
        case SPARSE -> {
          publisher.publishRecords(new SyntheticTrade(options.records(), options.seed()));
          description =
              "SyntheticTrade, 30 reporters × 200 partners × 300 months, ~0.1 record per country"
                  + " pair and month (about one record per series-month), published in one batch"
                  + " whose releases follow all its figures";
        }
        case CUSTOMS -> {
          CustomsReleases releases = new CustomsReleases(options.records(), options.seed());
          // One batch per release, so that each Release follows its own figures on the topic,
          // as an office publishes its monthly files.
          for (List<TradeRecord> release : releases) {
            publisher.publishRecords(release);
          }
          description =
              String.format(
                  Locale.ROOT,
                  "CustomsReleases, %d reporters × %d months from %s, %,d releases (%d of them"
                      + " whole-month re-releases) of %,.0f rows on average, published release"
                      + " by release",
                  releases.reporterCount(),
                  releases.monthCount(),
                  releases.firstPeriod(),
                  releases.releaseCount(),
                  releases.reReleaseCount(),
                  (double) options.records() / releases.releaseCount());
        }
        default -> throw new IllegalStateException("no pre-load for shape " + shape);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      try (Offsets offsets = new Offsets(client)) {
        long loaded = offsets.sumEnds(List.of(inputs.tradeRecords().name()));
        if (loaded != options.records()) {
          throw new IllegalStateException(
              shape.label() + ": pre-loaded " + loaded + " records, expected " + options.records());
        }
      }
      Measurement m =
          new Measurement(
              options.records(), seconds, meter.usage(Double.NaN), Measurement.KafkaWrites.NONE);
      LOG.info(
          "{} pre-load: {} records/s ({} s)",
          shape.label(),
          String.format(Locale.ROOT, "%,.0f", m.perSecond()),
          String.format(Locale.ROOT, "%.1f", m.seconds()));
      return new Preloaded(Measurement.drain("pre-load", List.of(m)), description);
    }
  }

  private List<BenchReport.Latency> latencies(
      EmbeddedKafkaCluster cluster, Properties client, Path workDir, BenchReport.Drain alos)
      throws IOException, InterruptedException {
    if (options.e2eSeconds() == 0 || options.e2eGuarantees().isEmpty()) {
      return List.of();
    }
    int rate =
        options.e2eRate() > 0
            ? options.e2eRate()
            : (int) Math.max(1, Math.round(alos.medianRecordsPerSecond() / 2));
    long rows = (long) rate * options.e2eSeconds();
    Path csv =
        CsvFiles.writeTrade(
            workDir.resolve("e2e.csv"), new SyntheticTrade(rows, options.seed() + 1));
    LatencyRun run = new LatencyRun(cluster, client, options, workDir);
    List<BenchReport.Latency> result = new ArrayList<>();
    for (String guarantee : options.e2eGuarantees()) {
      BenchReport.Latency latency = run.run(guarantee, rate, rows, options.seed() + 1);
      LOG.info("e2e {}: {}", guarantee, latency);
      result.add(latency);
    }
    return result;
  }

  private List<BenchReport.Ingest> ingest(
      EmbeddedKafkaCluster cluster, Properties client, Path workDir)
      throws IOException, InterruptedException {
    if (options.ingestRows() == 0) {
      return List.of();
    }
    SyntheticTrade rows = new SyntheticTrade(options.ingestRows(), options.seed() + 2);
    List<BenchReport.Ingest> result = new ArrayList<>();
    IngestRun run = new IngestRun(cluster, client, options);
    for (InputFormat format : List.of(InputFormat.TRADE, InputFormat.COMTRADE)) {
      Path file =
          format == InputFormat.TRADE
              ? CsvFiles.writeTrade(workDir.resolve("ingest-trade.csv"), rows)
              : CsvFiles.writeComtrade(workDir.resolve("ingest-comtrade.csv"), rows);
      String name = format.name().toLowerCase(Locale.ROOT);
      List<Measurement> runs = new ArrayList<>();
      for (int i = 0; i < options.warmups() + options.runs(); i++) {
        Measurement m =
            run.run(format, file, options.ingestRows(), "bench-ingest-" + name + "-" + i);
        log("ingest " + name, i, m);
        if (i >= options.warmups()) {
          runs.add(m);
        }
      }
      result.add(
          new BenchReport.Ingest(
              name + " CSV (" + String.format(Locale.ROOT, "%,d", Files.size(file) >> 20) + " MiB)",
              options.ingestRows(),
              runs.stream().map(Measurement::perSecond).toList(),
              Measurement.median(runs).perSecond()));
      Files.delete(file);
    }
    return result;
  }

  private void log(String what, int index, Measurement m) {
    LOG.info(
        "{} {} {}: {} records/s ({} s, process CPU {} s)",
        what,
        index < options.warmups() ? "warm-up" : "run",
        index,
        String.format(Locale.ROOT, "%,.0f", m.perSecond()),
        String.format(Locale.ROOT, "%.1f", m.seconds()),
        String.format(Locale.ROOT, "%.1f", m.usage().processCpuSeconds()));
  }

  /** Other processes on the machine compete for its cores: the report says how busy it was. */
  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** Cores, JVM, OS and heap limit of this process. */
  static String machine() {
    Runtime rt = Runtime.getRuntime();
    return String.format(
        Locale.ROOT,
        "%d cores, %s %s (%s), %s %s %s, max heap %d MiB; broker, topology and baseline in one JVM",
        rt.availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.vendor"),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("os.arch"),
        rt.maxMemory() >> 20);
  }
}
