package io.tradewatch.producers.publish;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces records evenly at a fixed rate (for a live demo); a rate of 0 never waits. A publisher
 * that fell behind by more than {@link #CATCH_UP_NANOS} (a slow broker) does not burst to catch up:
 * the schedule restarts from now. Smaller lateness is made up by the next records, because a sleep
 * of a few microseconds takes tens to hundreds of them: restarting the schedule after every late
 * wake-up held {@code --rate 8000} to about 800 records/s.
 */
final class Pacer {
  /** Lateness the schedule makes up for; beyond it, the schedule restarts from now. */
  static final long CATCH_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** Waits a number of nanoseconds; a seam for tests. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final long intervalNanos;
  private final LongSupplier clock;
  private final Sleeper sleeper;
  private long next;

  Pacer(int recordsPerSecond) {
    this(recordsPerSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  Pacer(int recordsPerSecond, LongSupplier clock, Sleeper sleeper) {
    if (recordsPerSecond < 0) {
      throw new IllegalArgumentException("rate must be 0 or positive, was " + recordsPerSecond);
    }
    this.intervalNanos = recordsPerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / recordsPerSecond;
    this.clock = clock;
    this.sleeper = sleeper;
    this.next = clock.getAsLong();
  }

  void await() throws InterruptedException {
    if (intervalNanos == 0) {
      return;
    }
    long wait = next - clock.getAsLong();
    if (wait > 0) {
      sleeper.sleep(wait);
    }
    long now = clock.getAsLong();
    // A late wake-up is absorbed by the schedule; a stall restarts it.
    if (now - next > Math.max(intervalNanos, CATCH_UP_NANOS)) {
      next = now;
    }
    next += intervalNanos;
  }
}
