package io.tradewatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The benchmark's targets (issue 15), each checked against what one run measured. Every target has
 * its rows whatever was run, so that tables of different runs line up: a stage that was skipped
 * ({@code --shapes}, {@code --e2e-seconds 0}, {@code --ingest-rows 0}) reads "not measured".
 */
final class Targets {
  /** Full topology (at-least-once) over the Kafka Streams floor, each shape. */
  static final double MIN_ALOS_OVER_FLOOR = 1.0;

  /** Full topology (at-least-once) over the plain-consumer baseline, customs shape. */
  static final double MIN_CUSTOMS_ALOS_OVER_BASELINE = 0.3;

  /** How much slower exactly-once may be than at-least-once, as a fraction of its records/s. */
  static final double MAX_EOS_COST = 0.15;

  /** Changelog + repartition + output records per input record, customs shape. */
  static final double MAX_CUSTOMS_WRITES_PER_INPUT = 1.5;

  /**
   * Added to two commit intervals for the end-to-end p99: a figure is recomputed once per commit
   * interval and (exactly-once) becomes visible at the commit after that, so two intervals are the
   * design's own floor.
   */
  static final Duration E2E_P99_SLACK = Duration.ofMillis(100);

  /**
   * Heap after a collection, full topology: what a full collection leaves at the end of the drain
   * when that was measured, else the peak right after any collection.
   */
  static final double MAX_HEAP_AFTER_GC_MB = 512;

  /** The heap target is about this many records; at fewer it says little. */
  static final long HEAP_TARGET_RECORDS = BenchOptions.DEFAULT_RECORDS;

  /** CSV ingest, rows per second (an older target that issue 15 leaves in place). */
  static final double MIN_INGEST_ROWS_PER_SECOND = 200_000;

  private static final String ALOS = StreamsConfig.AT_LEAST_ONCE;
  private static final String EOS = StreamsConfig.EXACTLY_ONCE_V2;
  private static final List<String> GUARANTEES = List.of(ALOS, EOS);
  private static final List<String> INGEST_FORMATS = List.of("trade", "comtrade");

  private Targets() {}

  /** Whether a target was met. */
  enum Verdict {
    MET("yes"),
    MISSED("**no**"),
    NOT_MEASURED("not measured"),
    /** A figure shown to read a target by, not a target itself. */
    REFERENCE("–");

    private final String cell;

    Verdict(String cell) {
      this.cell = cell;
    }

    static Verdict of(boolean met) {
      return met ? MET : MISSED;
    }
  }

  /** One row of the targets table. */
  record Row(String target, String shape, String measured, Verdict verdict) {
    String markdown() {
      return "| " + target + " | " + shape + " | " + measured + " | " + verdict.cell + " |\n";
    }
  }

  /** The targets table of {@code report}, as Markdown. */
  static String markdown(BenchReport report) {
    StringBuilder md =
        new StringBuilder("| target | shape | measured | met |\n|---|---|---:|---|\n");
    rows(report).forEach(r -> md.append(r.markdown()));
    return md.toString();
  }

  /** Every target (and the reference figures to read them by), in a fixed order. */
  static List<Row> rows(BenchReport report) {
    List<Row> rows = new ArrayList<>();
    String vsFloor =
        "full topology at_least_once ≥ " + times(MIN_ALOS_OVER_FLOOR) + " Kafka Streams floor";
    for (Shape shape : Shape.values()) {
      Optional<BenchReport.ShapeDrains> s = drains(report, shape, ALOS);
      rows.add(
          s.map(d -> ratio(vsFloor, shape, d.alosOverFloor(), MIN_ALOS_OVER_FLOOR))
              .orElse(notMeasured(vsFloor, shape)));
      // To read the target above by: how far Kafka Streams alone gets, and tradewatch against it.
      s.ifPresent(
          d -> {
            rows.add(
                reference(
                    "Kafka Streams floor at_least_once vs baseline",
                    shape,
                    fmt("%.3f×", d.floorOverBaseline())));
            rows.add(
                reference(
                    "full topology at_least_once vs Kafka Streams floor",
                    shape,
                    fmt("%.3f×", d.alosOverFloor())));
          });
    }
    String vsBaseline =
        "full topology at_least_once ≥ "
            + times(MIN_CUSTOMS_ALOS_OVER_BASELINE)
            + " plain-consumer baseline";
    rows.add(
        drains(report, Shape.CUSTOMS, ALOS)
            .map(
                d ->
                    ratio(
                        vsBaseline,
                        Shape.CUSTOMS,
                        d.alosOverBaseline(),
                        MIN_CUSTOMS_ALOS_OVER_BASELINE))
            .orElse(notMeasured(vsBaseline, Shape.CUSTOMS)));

    String eosTarget =
        fmt(
            "exactly_once_v2 within %.0f %% of at_least_once (records/s, at most %.0f %% slower)",
            MAX_EOS_COST * 100, MAX_EOS_COST * 100);
    for (Shape shape : Shape.values()) {
      rows.add(
          drains(report, shape, ALOS)
              .filter(d -> d.hasTopology(EOS))
              .map(
                  d ->
                      new Row(
                          eosTarget,
                          shape.label(),
                          // 0 - cost: no "-0.0 %" when the two rates are equal
                          fmt("%+.1f %%", (0 - d.eosCost()) * 100),
                          Verdict.of(d.eosCost() <= MAX_EOS_COST)))
              .orElse(notMeasured(eosTarget, shape)));
    }

    for (String guarantee : GUARANTEES) {
      String target =
          fmt(
              "Kafka writes per input (changelog + repartition + output) ≤ %.1f (full topology,"
                  + " %s)",
              MAX_CUSTOMS_WRITES_PER_INPUT, guarantee);
      rows.add(
          drains(report, Shape.CUSTOMS, guarantee)
              .map(d -> writes(target, d.topology(guarantee)))
              .orElse(notMeasured(target, Shape.CUSTOMS)));
    }

    long interval = report.options().commitInterval().toMillis();
    long maxP99 = 2 * interval + E2E_P99_SLACK.toMillis();
    for (String guarantee : GUARANTEES) {
      String target =
          fmt(
              "end-to-end p99 ≤ 2 × commit interval + %d ms = %d ms",
              E2E_P99_SLACK.toMillis(), maxP99);
      Optional<BenchReport.Latency> latency =
          report.latencies().stream().filter(l -> l.guarantee().equals(guarantee)).findFirst();
      rows.add(
          latency
              .map(
                  l ->
                      new Row(
                          fmt("%s at %,d/s (%s)", target, l.rate(), guarantee),
                          Shape.SPARSE.label(),
                          Double.isNaN(l.p99Ms()) ? "no samples" : fmt("%.1f ms", l.p99Ms()),
                          Verdict.of(l.p99Ms() <= maxP99)))
              .orElse(notMeasured(target + " (" + guarantee + ")", Shape.SPARSE)));
    }

    long records = report.options().records();
    String heapTarget =
        fmt(
                "heap after GC ≤ %.0f MB at %,d records (live at the end: a full collection; the"
                    + " peak after any collection in brackets)",
                MAX_HEAP_AFTER_GC_MB, records)
            + (records == HEAP_TARGET_RECORDS
                ? ""
                : fmt(" (the target is for %,d)", HEAP_TARGET_RECORDS));
    for (Shape shape : Shape.values()) {
      for (String guarantee : GUARANTEES) {
        String target = heapTarget + " (full topology, " + guarantee + ")";
        rows.add(
            drains(report, shape, guarantee)
                .map(d -> d.topology(guarantee))
                .map(
                    d ->
                        new Row(
                            target,
                            shape.label(),
                            heapMeasured(d),
                            Verdict.of(heapAfterGcMb(d) <= MAX_HEAP_AFTER_GC_MB)))
                .orElse(notMeasured(target, shape)));
      }
    }

    // Ingest runs on sparse records whatever shapes were drained.
    for (String format : INGEST_FORMATS) {
      String target = fmt("ingest ≥ %,.0f rows/s", MIN_INGEST_ROWS_PER_SECOND);
      rows.add(
          report.ingest().stream()
              .filter(i -> i.format().startsWith(format + " "))
              .findFirst()
              .map(
                  i ->
                      new Row(
                          target + " (" + i.format() + ")",
                          Shape.SPARSE.label(),
                          fmt("%,.0f rows/s", i.medianRowsPerSecond()),
                          Verdict.of(i.medianRowsPerSecond() >= MIN_INGEST_ROWS_PER_SECOND)))
              .orElse(notMeasured(target + " (" + format + " CSV)", Shape.SPARSE)));
    }
    return rows;
  }

  /** The drains of {@code shape} if they include a full-topology run under {@code guarantee}. */
  private static Optional<BenchReport.ShapeDrains> drains(
      BenchReport report, Shape shape, String guarantee) {
    return report.shapes().stream()
        .filter(s -> s.shape() == shape && s.hasTopology(guarantee))
        .findFirst();
  }

  private static Row ratio(String target, Shape shape, double measured, double min) {
    return new Row(target, shape.label(), fmt("%.3f×", measured), Verdict.of(measured >= min));
  }

  private static Row writes(String target, BenchReport.Drain d) {
    double total = d.changelogPerInput() + d.repartitionPerInput() + d.outputPerInput();
    return new Row(
        target,
        Shape.CUSTOMS.label(),
        fmt(
            "%.3f (%.3f + %.3f + %.3f)",
            total, d.changelogPerInput(), d.repartitionPerInput(), d.outputPerInput()),
        Verdict.of(total <= MAX_CUSTOMS_WRITES_PER_INPUT));
  }

  /**
   * The heap a drain's instances retain: live after a full collection at the end, when measured;
   * otherwise the peak right after any collection, which keeps the old generation's garbage.
   */
  private static double heapAfterGcMb(BenchReport.Drain d) {
    return Double.isNaN(d.liveHeapMb()) ? d.peakHeapAfterGcMb() : d.liveHeapMb();
  }

  private static String heapMeasured(BenchReport.Drain d) {
    return Double.isNaN(d.liveHeapMb())
        ? fmt("(%.0f MB)", d.peakHeapAfterGcMb())
        : fmt("%.0f MB (%.0f MB)", d.liveHeapMb(), d.peakHeapAfterGcMb());
  }

  private static Row reference(String what, Shape shape, String measured) {
    return new Row("(reference, not a target) " + what, shape.label(), measured, Verdict.REFERENCE);
  }

  private static Row notMeasured(String target, Shape shape) {
    return new Row(target, shape.label(), "–", Verdict.NOT_MEASURED);
  }

  private static String times(double factor) {
    return fmt("%.1f×", factor);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
