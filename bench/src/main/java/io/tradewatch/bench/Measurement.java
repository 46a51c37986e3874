package io.tradewatch.bench;

import java.util.Comparator;
import java.util.List;

/**
 * One timed pass.
 *
 * @param records records (or rows) processed
 * @param seconds wall-clock seconds
 * @param usage CPU and heap during the pass
 * @param writes records the pass wrote to Kafka ({@link KafkaWrites#NONE} when not counted)
 */
record Measurement(long records, double seconds, Usage usage, KafkaWrites writes) {

  /**
   * CPU and heap during one pass.
   *
   * @param processCpuSeconds CPU seconds of the whole JVM
   * @param appCpuSeconds CPU seconds of the measured component's own threads (NaN if unknown)
   * @param peakHeapBytes highest sampled heap use
   * @param peakHeapAfterGcBytes highest heap use right after a collection (a young collection
   *     leaves the old generation's garbage in it)
   * @param liveHeapBytes heap in use after a full collection at the end of the pass, before the
   *     measured component closed: what it retains; -1 when not measured
   */
  record Usage(
      double processCpuSeconds,
      double appCpuSeconds,
      long peakHeapBytes,
      long peakHeapAfterGcBytes,
      long liveHeapBytes) {
    /** This usage, with the heap a full collection left at the end of the pass. */
    Usage withLiveHeap(long bytes) {
      return new Usage(
          processCpuSeconds, appCpuSeconds, peakHeapBytes, peakHeapAfterGcBytes, bytes);
    }
  }

  /**
   * Records written to Kafka during one pass, by kind of topic.
   *
   * @param changelog changelog records (end offsets, so exactly-once commit markers count)
   * @param repartition repartition records
   * @param output output records
   */
  record KafkaWrites(double changelog, double repartition, double output) {
    /** For a pass that writes nothing it is measured by (a plain consumer, a producer). */
    static final KafkaWrites NONE = new KafkaWrites(Double.NaN, Double.NaN, Double.NaN);
  }

  double perSecond() {
    return records / seconds;
  }

  /** The run with the median rate (the lower median of an even count). */
  static Measurement median(List<Measurement> runs) {
    List<Measurement> sorted =
        runs.stream().sorted(Comparator.comparingDouble(Measurement::perSecond)).toList();
    return sorted.get((sorted.size() - 1) / 2);
  }

  static BenchReport.Drain drain(String name, List<Measurement> runs) {
    Measurement m = median(runs);
    return new BenchReport.Drain(
        name,
        runs.stream().map(Measurement::perSecond).toList(),
        m.perSecond(),
        m.seconds(),
        m.usage().processCpuSeconds(),
        m.usage().appCpuSeconds(),
        m.usage().peakHeapBytes() / 1048576.0,
        m.usage().peakHeapAfterGcBytes() / 1048576.0,
        m.usage().liveHeapBytes() < 0 ? Double.NaN : m.usage().liveHeapBytes() / 1048576.0,
        m.writes().changelog() / m.records(),
        m.writes().repartition() / m.records(),
        m.writes().output() / m.records());
  }
}
