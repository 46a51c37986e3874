package io.tradewatch.bench;

import java.util.Comparator;
import java.util.List;

/**
 * One timed pass.
 *
 * @param records records (or rows) processed
 * @param seconds wall-clock seconds
 * @param processCpuSeconds CPU seconds of the whole JVM
 * @param appCpuSeconds CPU seconds of the measured component's own threads (NaN if unknown)
 * @param peakHeapBytes highest sampled heap use
 * @param peakHeapAfterGcBytes highest heap use right after a collection
 * @param changelogRecords changelog records written (end offsets, so EOS commit markers count)
 * @param repartitionRecords repartition records written
 * @param outputRecords output records written
 */
record Measurement(
    long records,
    double seconds,
    double processCpuSeconds,
    double appCpuSeconds,
    long peakHeapBytes,
    long peakHeapAfterGcBytes,
    double changelogRecords,
    double repartitionRecords,
    double outputRecords) {

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
        m.processCpuSeconds(),
        m.appCpuSeconds(),
        m.peakHeapBytes() / 1048576.0,
        m.peakHeapAfterGcBytes() / 1048576.0,
        m.changelogRecords() / m.records(),
        m.repartitionRecords() / m.records(),
        m.outputRecords() / m.records());
  }
}
