package io.tradewatch.dashboard;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands output events to the connected push clients. Publishing never blocks: each client has its
 * own bounded queue, drained by the client's own request thread; a client whose queue is full loses
 * its backlog and is told to {@code resync} (re-read what it shows through the API).
 */
final class StreamHub implements AutoCloseable {
  /** Queued in place of a lost backlog. */
  static final OutputEvent RESYNC = new OutputEvent("resync", "", null, 0, null);

  /** Wakes a client's thread when its subscription is closed. */
  static final OutputEvent CLOSED = new OutputEvent("closed", "", null, 0, null);

  private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
  private final int capacity;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  StreamHub(int capacity) {
    this.capacity = capacity;
  }

  Subscription subscribe(Set<String> topics, String keyPrefix) {
    Subscription s = new Subscription(topics, keyPrefix, new ArrayBlockingQueue<>(capacity));
    subscriptions.add(s);
    if (closed) {
      s.close();
    }
    return s;
  }

  void publish(OutputEvent event) {
    for (Subscription s : subscriptions) {
      if (s.wants(event) && !s.queue.offer(event)) {
        dropped.addAndGet(s.queue.size() + 1L);
        s.queue.clear();
        s.queue.offer(RESYNC);
      }
    }
  }

  int clients() {
    return subscriptions.size();
  }

  long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    closed = true;
    subscriptions.forEach(Subscription::close);
  }

  /** One client's filter and queue. Topics empty = every output. */
  final class Subscription implements AutoCloseable {
    private final Set<String> topics;
    private final String keyPrefix;
    private final BlockingQueue<OutputEvent> queue;
    private volatile boolean open = true;

    private Subscription(Set<String> topics, String keyPrefix, BlockingQueue<OutputEvent> queue) {
      this.topics = Set.copyOf(topics);
      this.keyPrefix = keyPrefix;
      this.queue = queue;
    }

    boolean wants(OutputEvent event) {
      return open
          && (topics.isEmpty() || topics.contains(event.topic()))
          && event.key().startsWith(keyPrefix);
    }

    /** The next event, null after {@code wait}, or {@link #CLOSED} once closed. */
    OutputEvent next(long wait, TimeUnit unit) throws InterruptedException {
      return open ? queue.poll(wait, unit) : CLOSED;
    }

    boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
      subscriptions.remove(this);
      queue.clear();
      queue.offer(CLOSED);
    }
  }
}
