package io.tradewatch.local;

import io.tradewatch.producers.publish.KafkaPublisher;
import io.tradewatch.schemas.Topics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;

/**
 * Publishes records in the background at a steady rate, as a statistical office's feed would: a
 * batch every 100 ms through the real publisher, each batch confirmed before the next.
 */
final class SteadyPublisher implements AutoCloseable {
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final AtomicLong published = new AtomicLong();
  private final CompletableFuture<Long> done;
  private volatile boolean stopped;

  private SteadyPublisher(
      Properties client, Topics topics, Iterable<? extends SpecificRecord> records, int perSecond) {
    int batch = Math.max(1, perSecond / 10);
    done =
        CompletableFuture.supplyAsync(
            () -> {
              try (KafkaPublisher publisher = KafkaPublisher.create(client, topics)) {
                Iterator<? extends SpecificRecord> it = records.iterator();
                long next = System.nanoTime();
                while (it.hasNext() && !stopped) {
                  List<SpecificRecord> chunk = new ArrayList<>(batch);
                  while (it.hasNext() && chunk.size() < batch) {
                    chunk.add(it.next());
                  }
                  publisher.publishRecords(chunk);
                  published.addAndGet(chunk.size());
                  next += TICK_NANOS;
                  long wait = next - System.nanoTime();
                  if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing, not waiting for a condition
                  }
                }
                return published.get();
              } catch (Exception e) {
                throw new IllegalStateException(
                    "Publishing stopped after " + published.get() + " records: " + e, e);
              }
            },
            r -> {
              Thread t = new Thread(r, "steady-publisher");
              t.setDaemon(true);
              t.start();
            });
  }

  /** Starts publishing {@code records}, {@code perSecond} a second. */
  static SteadyPublisher start(
      Properties client, Topics topics, Iterable<? extends SpecificRecord> records, int perSecond) {
    return new SteadyPublisher(client, topics, records, perSecond);
  }

  boolean isDone() {
    return done.isDone();
  }

  long published() {
    return published.get();
  }

  /** Waits until every record is published; returns how many, or rethrows the failure. */
  long await(long timeout, TimeUnit unit) throws Exception {
    return done.get(timeout, unit);
  }

  /** Stops publishing and waits for the thread to end; a failure is reported by {@link #await}. */
  @Override
  public void close() throws Exception {
    stopped = true;
    done.handle((count, failure) -> count).get(2, TimeUnit.MINUTES);
  }
}
