package io.tradewatch.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The states a running {@code KafkaStreams} instance goes through, sampled every 20 ms from outside
 * (its one state listener belongs to the application), and the names of its stream threads: a
 * thread that died and was replaced shows up as a new name.
 */
final class StateTrail implements AutoCloseable {
  private final KafkaStreams streams;
  private final List<KafkaStreams.State> states = new ArrayList<>();
  private final Set<String> threads = new TreeSet<>();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "state-trail");
            t.setDaemon(true);
            return t;
          });

  private StateTrail(KafkaStreams streams) {
    this.streams = streams;
  }

  static StateTrail of(KafkaStreams streams) {
    StateTrail trail = new StateTrail(streams);
    trail.sampler.scheduleWithFixedDelay(trail::sample, 0, 20, TimeUnit.MILLISECONDS);
    return trail;
  }

  private synchronized void sample() {
    KafkaStreams.State now = streams.state();
    if (states.isEmpty() || states.get(states.size() - 1) != now) {
      states.add(now);
    }
    streams.metadataForLocalThreads().forEach(t -> threads.add(t.threadName()));
  }

  /** The states seen, each change once, in order. */
  synchronized List<KafkaStreams.State> states() {
    return List.copyOf(states);
  }

  /** Every stream thread name seen. */
  synchronized Set<String> threads() {
    return Set.copyOf(threads);
  }

  @Override
  public void close() throws InterruptedException {
    sampler.shutdownNow();
    sampler.awaitTermination(5, TimeUnit.SECONDS);
  }
}
