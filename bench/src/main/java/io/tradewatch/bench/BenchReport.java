package io.tradewatch.bench;

import java.util.List;
import java.util.Locale;

/**
 * What one benchmark run measured, and its rendering as Markdown.
 *
 * @param machine cores, JVM and OS the figures were measured on
 * @param options the options of the run
 * @param shapes the drains of each input shape, in the order run
 * @param latencies end-to-end latency (sparse records), one entry per processing guarantee
 * @param ingest CSV to broker (sparse records), one entry per format
 */
public record BenchReport(
    String machine,
    BenchOptions options,
    List<ShapeDrains> shapes,
    List<Latency> latencies,
    List<Ingest> ingest) {

  public BenchReport {
    shapes = List.copyOf(shapes);
    latencies = List.copyOf(latencies);
    ingest = List.copyOf(ingest);
  }

  /**
   * The drains of one input shape, each against that shape's own baseline.
   *
   * @param shape the input shape
   * @param description what the input looks like (generator, reporters, months, releases)
   * @param preload pre-loading its input topics (not part of any other figure)
   * @param baseline the plain-consumer baseline
   * @param floor the least Kafka Streams application doing the baseline's sums ({@code
   *     StreamsFloor})
   * @param topology the full topology, one entry per processing guarantee
   */
  public record ShapeDrains(
      Shape shape,
      String description,
      Drain preload,
      Drain baseline,
      Drain floor,
      List<Drain> topology) {

    public ShapeDrains {
      topology = List.copyOf(topology);
    }

    public Drain topology(String guarantee) {
      return topology.stream()
          .filter(d -> d.name().contains(guarantee))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no topology run for " + guarantee + " (" + shape.label() + ")"));
    }

    /** Full topology (ALOS) throughput over the baseline's. */
    public double alosOverBaseline() {
      return topology("at_least_once").medianRecordsPerSecond() / baseline.medianRecordsPerSecond();
    }

    /** The Kafka Streams floor's throughput over the baseline's. */
    public double floorOverBaseline() {
      return floor.medianRecordsPerSecond() / baseline.medianRecordsPerSecond();
    }

    /** Full topology (ALOS) throughput over the Kafka Streams floor's. */
    public double alosOverFloor() {
      return topology("at_least_once").medianRecordsPerSecond() / floor.medianRecordsPerSecond();
    }

    /** How much slower exactly-once is than at-least-once, as a fraction (0.1: 10 % slower). */
    public double eosCost() {
      return 1
          - topology("exactly_once_v2").medianRecordsPerSecond()
              / topology("at_least_once").medianRecordsPerSecond();
    }

    boolean hasTopology(String guarantee) {
      return topology.stream().anyMatch(d -> d.name().contains(guarantee));
    }
  }

  /**
   * One drain series.
   *
   * @param name what was drained
   * @param recordsPerSecond each measured run
   * @param medianRecordsPerSecond their median
   * @param seconds wall-clock seconds of the median run
   * @param processCpuSeconds CPU seconds of the whole JVM (broker included) in the median run
   * @param appCpuSeconds CPU seconds of the application's own threads in the median run (NaN when
   *     not separable)
   * @param peakHeapMb highest heap use sampled (garbage included), median run
   * @param peakHeapAfterGcMb highest heap use right after a collection, median run
   * @param liveHeapMb heap in use after a full collection at the end of the median run, the
   *     instances still open (NaN when not measured)
   * @param changelogPerInput changelog records written per input record (NaN for the baseline)
   * @param repartitionPerInput repartition records written per input record
   * @param outputPerInput output records written per input record
   */
  public record Drain(
      String name,
      List<Double> recordsPerSecond,
      double medianRecordsPerSecond,
      double seconds,
      double processCpuSeconds,
      double appCpuSeconds,
      double peakHeapMb,
      double peakHeapAfterGcMb,
      double liveHeapMb,
      double changelogPerInput,
      double repartitionPerInput,
      double outputPerInput) {}

  /**
   * End-to-end latency at a fixed input rate, from the {@code tw.published-at} header to an output
   * consumer's receipt.
   */
  public record Latency(
      String guarantee,
      int rate,
      long inputs,
      long samples,
      double p50Ms,
      double p99Ms,
      double p999Ms,
      double maxMs) {}

  /** CSV file to Avro events on the broker through {@code KafkaPublisher}. */
  public record Ingest(
      String format, long rows, List<Double> rowsPerSecond, double medianRowsPerSecond) {}

  /** The drains of one shape. */
  public ShapeDrains shape(Shape shape) {
    return shapes.stream()
        .filter(s -> s.shape() == shape)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no drains of shape " + shape.label()));
  }

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("Machine: ").append(machine).append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Records: %,d synthetic per shape (seed %d), %d partition(s), %d instance(s) × %d"
                + " stream thread(s), commit interval %d ms%s; %d warm-up pass(es) discarded,"
                + " median of %d run(s).%n%n",
            options.records(),
            options.seed(),
            options.partitions(),
            options.instances(),
            options.threads(),
            options.commitInterval().toMillis(),
            options.streamsConfig().isEmpty()
                ? ""
                : ", Streams settings " + new java.util.TreeMap<>(options.streamsConfig()),
            options.warmups(),
            options.runs()));
    md.append("Input shapes (each drained from input topics of its own):\n\n");
    for (ShapeDrains s : shapes) {
      md.append(
          fmt(
              "- %s: %s. Pre-load (not timed in any figure below): %,.0f records/s, %.1f s.%n",
              s.shape().label(),
              s.description(),
              s.preload().medianRecordsPerSecond(),
              s.preload().seconds()));
    }
    md.append('\n');
    md.append(
        "| shape | drain of the input topic | records/s (median) | runs | vs baseline | wall s |"
            + " process CPU s | app threads CPU s | peak heap MB (after GC) | live heap MB at end"
            + " (full GC) | changelog / input | repartition / input | output / input |\n");
    md.append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ShapeDrains s : shapes) {
      row(md, s, s.baseline());
      row(md, s, s.floor());
      s.topology().forEach(d -> row(md, s, d));
    }
    md.append('\n');
    if (!latencies.isEmpty()) {
      md.append(
          "| end-to-end latency (sparse records) | input rate/s | inputs | samples | p50 ms | p99 ms | p99.9 ms |"
              + " max ms |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Latency l : latencies) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %,d | %,d | %,d | %.1f | %.1f | %.1f | %.1f |%n",
                l.guarantee(),
                l.rate(),
                l.inputs(),
                l.samples(),
                l.p50Ms(),
                l.p99Ms(),
                l.p999Ms(),
                l.maxMs()));
      }
      md.append('\n');
    }
    if (!ingest.isEmpty()) {
      if (!options.producerConfig().isEmpty()) {
        md.append("Ingest producer settings: ")
            .append(new java.util.TreeMap<>(options.producerConfig()))
            .append("\n\n");
      }
      md.append(
          "| ingest (CSV → Avro → broker, sparse records) | rows | rows/s (median) | runs |\n");
      md.append("|---|---:|---:|---|\n");
      for (Ingest i : ingest) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %,d | %,.0f | %s |%n",
                i.format(),
                i.rows(),
                i.medianRowsPerSecond(),
                runs(i.rowsPerSecond())));
      }
      md.append('\n');
    }
    md.append(Targets.markdown(this));
    return md.toString();
  }

  /** One drain, against the baseline of its own shape. */
  private static void row(StringBuilder md, ShapeDrains s, Drain d) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %,.0f | %s | %.3f× | %.1f | %.1f | %s | %.0f (%.0f) | %s | %s | %s | %s"
                + " |%n",
            s.shape().label(),
            d.name(),
            d.medianRecordsPerSecond(),
            runs(d.recordsPerSecond()),
            d.medianRecordsPerSecond() / s.baseline().medianRecordsPerSecond(),
            d.seconds(),
            d.processCpuSeconds(),
            Double.isNaN(d.appCpuSeconds()) ? "–" : fmt("%.1f", d.appCpuSeconds()),
            d.peakHeapMb(),
            d.peakHeapAfterGcMb(),
            Double.isNaN(d.liveHeapMb()) ? "–" : fmt("%.0f", d.liveHeapMb()),
            ratio(d.changelogPerInput()),
            ratio(d.repartitionPerInput()),
            ratio(d.outputPerInput())));
  }

  private static String runs(List<Double> values) {
    return String.join(" / ", values.stream().map(v -> fmt("%,.0f", v)).toList());
  }

  private static String ratio(double value) {
    return Double.isNaN(value) ? "–" : fmt("%.3f", value);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
