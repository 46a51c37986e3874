package io.tradewatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * CPU and heap of this JVM during one measurement. The embedded broker runs in the same JVM, so
 * process CPU and heap include the broker's; CPU of the threads whose name contains a given marker
 * (a Streams application id: its stream threads and their producers) is measured apart.
 */
final class ResourceMeter implements AutoCloseable {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final List<MemoryPoolMXBean> HEAP_POOLS =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .toList();

  private final long processCpuStart = processCpuNanos();
  private final Thread sampler;
  private volatile long peakHeapUsed;
  private volatile long peakHeapAfterGc;
  private volatile boolean running = true;

  ResourceMeter() {
    sampler = new Thread(this::sample, "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (running) {
      long used = 0;
      long afterGc = 0;
      for (MemoryPoolMXBean pool : HEAP_POOLS) {
        used += pool.getUsage().getUsed();
        MemoryUsage collected = pool.getCollectionUsage();
        afterGc += collected == null ? 0 : collected.getUsed();
      }
      peakHeapUsed = Math.max(peakHeapUsed, used);
      peakHeapAfterGc = Math.max(peakHeapAfterGc, afterGc);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** CPU seconds of the whole process since this meter started. */
  double processCpuSeconds() {
    return (processCpuNanos() - processCpuStart) / 1e9;
  }

  /**
   * This JVM's CPU since the start and its peak heap, with {@code appCpuSeconds} measured apart.
   */
  Measurement.Usage usage(double appCpuSeconds) {
    return usage(processCpuSeconds(), appCpuSeconds);
  }

  /**
   * Peak heap so far (sampled, and right after a collection: closer to the live set), with CPU
   * seconds measured at the pass's end.
   */
  Measurement.Usage usage(double processCpuSeconds, double appCpuSeconds) {
    return new Measurement.Usage(
        processCpuSeconds, appCpuSeconds, peakHeapUsed, peakHeapAfterGc, -1);
  }

  /**
   * The heap in use after a full collection ({@code System.gc()}, a full collection under G1 unless
   * {@code -XX:+ExplicitGCInvokesConcurrent} or {@code -XX:+DisableExplicitGC} is set): the objects
   * still reachable, broker included. For the end of a pass, after its clock stopped.
   *
   * <p>Why: the peak "after GC" that {@link #usage} samples is the heap right after any collection,
   * mostly young ones, which leave the old generation's garbage in place until a concurrent cycle:
   * it read 355–519 MB in customs passes whose full collections found at most about 310 MB live.
   */
  static long liveHeapBytes() {
    System.gc();
    long used = 0;
    for (MemoryPoolMXBean pool : HEAP_POOLS) {
      used += pool.getUsage().getUsed();
    }
    return used;
  }

  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** CPU nanoseconds so far of the live threads whose name contains {@code marker}. */
  static long threadCpuNanos(String marker) {
    long total = 0;
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      if (infos[i] != null && infos[i].getThreadName().contains(marker)) {
        long cpu = THREADS.getThreadCpuTime(ids[i]);
        total += Math.max(0, cpu);
      }
    }
    return total;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
