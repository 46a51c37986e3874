package io.tradewatch.bench;

import java.util.List;
import java.util.Locale;

/**
 * What one benchmark run measured, and its rendering as Markdown.
 *
 * @param machine cores, JVM and OS the figures were measured on
 * @param options the options of the run
 * @param preload pre-loading the input topic (not part of any other figure)
 * @param baseline the plain-consumer baseline
 * @param floor the least Kafka Streams application doing the baseline's sums ({@code StreamsFloor})
 * @param topology the full topology, one entry per processing guarantee
 * @param latencies end-to-end latency, one entry per processing guarantee
 * @param ingest CSV to broker, one entry per format
 */
public record BenchReport(
    String machine,
    BenchOptions options,
    Drain preload,
    Drain baseline,
    Drain floor,
    List<Drain> topology,
    List<Latency> latencies,
    List<Ingest> ingest) {

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

  public Drain topology(String guarantee) {
    return topology.stream()
        .filter(d -> d.name().contains(guarantee))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no topology run for " + guarantee));
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

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("Machine: ").append(machine).append("\n\n");
    md.append(
            String.format(
                Locale.ROOT,
                "Records: %,d synthetic (seed %d), %d partition(s), %d stream thread(s), commit"
                    + " interval %d ms%s; %d warm-up pass(es) discarded, median of %d"
                    + " run(s).%n%n",
                options.records(),
                options.seed(),
                options.partitions(),
                options.threads(),
                options.commitInterval().toMillis(),
                options.streamsConfig().isEmpty()
                    ? ""
                    : ", Streams settings " + new java.util.TreeMap<>(options.streamsConfig()),
                options.warmups(),
                options.runs()))
        .append(
            String.format(
                Locale.ROOT,
                "Pre-load (not timed in any figure below): %,.0f records/s, %.1f s.%n%n",
                preload.medianRecordsPerSecond(),
                preload.seconds()));
    md.append(
        "| drain of the input topic | records/s (median) | runs | vs baseline | wall s | process"
            + " CPU s | app threads CPU s | peak heap MB (after GC) | changelog / input |"
            + " repartition / input | output / input |\n");
    md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    row(md, baseline);
    row(md, floor);
    topology.forEach(d -> row(md, d));
    md.append('\n');
    if (!latencies.isEmpty()) {
      md.append(
          "| end-to-end latency | input rate/s | inputs | samples | p50 ms | p99 ms | p99.9 ms |"
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
      md.append("| ingest (CSV → Avro → broker) | rows | rows/s (median) | runs |\n");
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
    md.append(targets());
    return md.toString();
  }

  private String targets() {
    StringBuilder md = new StringBuilder("| target | measured | met |\n|---|---:|---|\n");
    if (hasTopology("at_least_once")) {
      double ratio = alosOverBaseline();
      md.append(target("full topology ALOS ≥ 0.5× baseline", fmt("%.3f×", ratio), ratio >= 0.5));
      // For reading the one above: how far Kafka Streams alone gets, and tradewatch against it.
      md.append(
          "| (reference, not a target) Kafka Streams floor ALOS vs baseline | "
              + fmt("%.3f×", floorOverBaseline())
              + " | – |\n");
      md.append(
          "| (reference, not a target) full topology ALOS vs Kafka Streams floor | "
              + fmt("%.3f×", alosOverFloor())
              + " | – |\n");
    }
    if (hasTopology("at_least_once") && hasTopology("exactly_once_v2")) {
      double cost = eosCost();
      md.append(target("EOS costs ≤ 15 % vs ALOS", fmt("%+.1f %%", cost * 100), cost <= 0.15));
    }
    for (Latency l : latencies) {
      md.append(
          target(
              "e2e p99 < 50 ms at " + l.rate() + "/s (" + l.guarantee() + ")",
              fmt("%.1f ms", l.p99Ms()),
              l.p99Ms() < 50));
    }
    for (Drain d : topology) {
      md.append(
          target(
              "changelog writes per input well below 1 (" + d.name() + ")",
              fmt("%.3f", d.changelogPerInput()),
              d.changelogPerInput() < 0.5));
    }
    for (Ingest i : ingest) {
      md.append(
          target(
              "ingest ≥ 200k rows/s (" + i.format() + ")",
              fmt("%,.0f rows/s", i.medianRowsPerSecond()),
              i.medianRowsPerSecond() >= 200_000));
    }
    return md.toString();
  }

  private boolean hasTopology(String guarantee) {
    return topology.stream().anyMatch(d -> d.name().contains(guarantee));
  }

  private static String target(String what, String measured, boolean met) {
    return "| " + what + " | " + measured + " | " + (met ? "yes" : "**no**") + " |\n";
  }

  private void row(StringBuilder md, Drain d) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %,.0f | %s | %.3f× | %.1f | %.1f | %s | %.0f (%.0f) | %s | %s | %s |%n",
            d.name(),
            d.medianRecordsPerSecond(),
            runs(d.recordsPerSecond()),
            d.medianRecordsPerSecond() / baseline.medianRecordsPerSecond(),
            d.seconds(),
            d.processCpuSeconds(),
            Double.isNaN(d.appCpuSeconds()) ? "–" : fmt("%.1f", d.appCpuSeconds()),
            d.peakHeapMb(),
            d.peakHeapAfterGcMb(),
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
