package io.tradewatch.producers.publish;

import java.util.concurrent.TimeUnit;

/** Spaces records evenly at a fixed rate; a rate of 0 never waits. */
final class Pacer {
  private final long intervalNanos;
  private long next;

  Pacer(int recordsPerSecond) {
    if (recordsPerSecond < 0) {
      throw new IllegalArgumentException("rate must be 0 or positive, was " + recordsPerSecond);
    }
    this.intervalNanos = recordsPerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / recordsPerSecond;
    this.next = System.nanoTime();
  }

  void await() throws InterruptedException {
    if (intervalNanos == 0) {
      return;
    }
    long wait = next - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
    next = Math.max(next, System.nanoTime() - intervalNanos) + intervalNanos;
  }
}
