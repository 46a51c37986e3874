package io.tradewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole benchmark with a tiny input, so that it cannot rot: every stage runs against a real
 * embedded broker and the report holds sane numbers. Not a measurement (JIT-cold, tiny N).
 */
class BenchmarkSmokeTest {

  @Test
  // Meant to take well under a minute; the limit leaves room for a machine busy with other builds.
  @Timeout(240)
  void shouldRunEveryStageOfBothShapesAndReportSaneFigures() throws Exception {
    BenchOptions options =
        BenchOptions.builder()
            .records(300)
            .seed(7)
            .warmups(0)
            .runs(1)
            // Two instances share two partitions: the scaling runs take the same path.
            .partitions(2)
            .instances(2)
            .ingestRows(300)
            .e2eSeconds(2)
            .e2eRate(100)
            .e2eGuarantees(List.of(StreamsConfig.EXACTLY_ONCE_V2))
            // The quiet period that ends a drain: 300 ms once ended the floor's before its first
            // changelog write (its aggregate is fed by a repartition topic).
            .quietPeriod(Duration.ofSeconds(1))
            .timeout(Duration.ofMinutes(2))
            .commitInterval(Duration.ofMillis(200))
            .build();

    BenchReport report = new Benchmark(options).run();

    assertThat(report.shapes())
        .extracting(BenchReport.ShapeDrains::shape)
        .containsExactly(Shape.SPARSE, Shape.CUSTOMS);
    for (BenchReport.ShapeDrains shape : report.shapes()) {
      String label = shape.shape().label();
      assertThat(shape.preload().medianRecordsPerSecond()).as(label).isPositive();
      assertThat(shape.baseline().medianRecordsPerSecond()).as(label).isPositive();
      assertThat(shape.floor().medianRecordsPerSecond()).as(label).isPositive();
      assertThat(shape.floor().changelogPerInput()).as(label).isPositive();
      assertThat(shape.floor().repartitionPerInput()).as(label).isPositive();
      assertThat(shape.floor().outputPerInput()).as(label).isZero();
      assertThat(shape.topology()).as(label).hasSize(2);
      for (BenchReport.Drain drain : shape.topology()) {
        String name = label + ", " + drain.name();
        assertThat(drain.medianRecordsPerSecond()).as(name).isPositive();
        assertThat(drain.outputPerInput()).as(name).isPositive();
        assertThat(drain.changelogPerInput()).as(name).isPositive();
        assertThat(drain.processCpuSeconds()).as(name).isPositive();
        assertThat(drain.peakHeapMb()).as(name).isPositive();
        assertThat(drain.liveHeapMb()).as(name).isPositive();
      }
      assertThat(shape.alosOverBaseline()).as(label).isPositive().isFinite();
      assertThat(shape.eosCost()).as(label).isFinite();
    }
    assertThat(report.shape(Shape.CUSTOMS).description()).contains("re-releases");
    assertThat(report.latencies()).hasSize(1);
    BenchReport.Latency latency = report.latencies().get(0);
    assertThat(latency.samples()).isPositive();
    assertThat(latency.p50Ms()).isGreaterThanOrEqualTo(0);
    assertThat(latency.p99Ms()).isGreaterThanOrEqualTo(latency.p50Ms());
    assertThat(latency.p999Ms()).isGreaterThanOrEqualTo(latency.p99Ms());
    assertThat(report.ingest())
        .hasSize(2)
        .allSatisfy(i -> assertThat(i.medianRowsPerSecond()).isPositive());
    assertThat(report.markdown())
        .contains("2 partition(s), 2 instance(s) × 1 stream thread(s)")
        .contains("| sparse | full topology, at_least_once |")
        .contains("| customs | full topology, exactly_once_v2 |")
        .contains(
            "| customs | Kafka Streams floor: the same sums in one aggregate, at_least_once |")
        .contains("| full topology at_least_once ≥ 1.0× Kafka Streams floor | sparse |")
        .contains("| full topology at_least_once ≥ 0.3× plain-consumer baseline | customs |")
        .contains(
            "| end-to-end p99 ≤ 2 × commit interval + 100 ms = 500 ms at 100/s (exactly_once_v2)"
                + " | sparse |")
        // only exactly-once latency was asked for
        .contains(
            "| end-to-end p99 ≤ 2 × commit interval + 100 ms = 500 ms (at_least_once) | sparse |"
                + " – | not measured |")
        .contains("- customs: CustomsReleases, ")
        .contains("p99.9 ms");
  }
}
