package io.tradewatch.dashboard;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands output events to the connected push clients without a thread per client: each client has a
 * bounded queue, and a small fixed pool of writer threads drains the queues that have something to
 * send (one drain per client at a time, so a client's events stay in order). Publishing never
 * blocks; a client whose queue is full loses its backlog and is told to {@code resync} (re-read
 * what it shows through the API).
 *
 * <p>A client that stops reading holds a writer thread only until the connection's idle timeout
 * fails its write; keep-alive comments, sent every half idle timeout, keep a reading client's
 * connection from timing out and find clients that went away.
 *
 * <p>Clients are admitted up to a total and a per-address limit: {@link #reserve} before the
 * response starts, so the refused get a 503.
 */
final class StreamHub implements AutoCloseable {
  /** Queued in place of a lost backlog. */
  static final OutputEvent RESYNC = new OutputEvent("resync", "", null, 0, null);

  /** Queued by the keep-alive timer. */
  static final OutputEvent KEEP_ALIVE = new OutputEvent("keep-alive", "", null, 0, null);

  /** Writer threads: enough that one client stuck in a write does not hold the others up. */
  private static final int WRITERS = 4;

  private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);

  /** Where a client's events go: the SSE connection, or a test's list. */
  interface Sink {
    /** Sends one event; false when the client is gone. */
    boolean send(OutputEvent event);

    void close();
  }

  private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
  private final AtomicInteger admitted = new AtomicInteger();
  private final int capacity;
  private final int maxClients;
  private final int maxPerAddress;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final ExecutorService writers;
  private final ScheduledExecutorService keepAlive;
  private volatile boolean closed;

  StreamHub(int capacity, int maxClients, int maxPerAddress, Duration idleTimeout) {
    this.capacity = capacity;
    this.maxClients = maxClients;
    this.maxPerAddress = maxPerAddress;
    this.writers = Executors.newFixedThreadPool(WRITERS, daemon("tradewatch-push-writer"));
    this.keepAlive = Executors.newSingleThreadScheduledExecutor(daemon("tradewatch-push-timer"));
    long every = Math.max(1, idleTimeout.toMillis() / 2);
    keepAlive.scheduleWithFixedDelay(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
  }

  /** With the default limits: for tests of the queueing alone. */
  StreamHub(int capacity) {
    this(capacity, Integer.MAX_VALUE, Integer.MAX_VALUE, DashboardSettings.DEFAULT_IDLE_TIMEOUT);
  }

  /** A client's place, held from admission until it goes away. */
  final class Slot {
    private final String address;
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot(String address) {
      this.address = address;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        admitted.decrementAndGet();
        perAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
      }
    }
  }

  /** A place for a client from {@code address}, or null when the hub or the address is full. */
  Slot reserve(String address) {
    if (closed) {
      return null;
    }
    if (admitted.incrementAndGet() > maxClients) {
      admitted.decrementAndGet();
      return null;
    }
    boolean[] ok = new boolean[1];
    perAddress.compute(
        address,
        (a, count) -> {
          int current = count == null ? 0 : count;
          ok[0] = current < maxPerAddress;
          return ok[0] ? Integer.valueOf(current + 1) : count;
        });
    if (!ok[0]) {
      admitted.decrementAndGet();
      return null;
    }
    return new Slot(address);
  }

  Subscription subscribe(Slot slot, Set<String> topics, String keyPrefix, Sink sink) {
    Subscription s =
        new Subscription(slot, topics, keyPrefix, new ArrayBlockingQueue<>(capacity), sink);
    subscriptions.add(s);
    if (closed) {
      s.close();
    }
    return s;
  }

  void publish(OutputEvent event) {
    published.incrementAndGet();
    for (Subscription s : subscriptions) {
      if (s.wants(event)) {
        s.enqueue(event);
      }
    }
  }

  int clients() {
    return subscriptions.size();
  }

  long dropped() {
    return dropped.get();
  }

  /** How many events were published so far: a cache built at one count is stale at another. */
  long publishedCount() {
    return published.get();
  }

  private void keepAlive() {
    for (Subscription s : subscriptions) {
      s.enqueue(KEEP_ALIVE);
    }
  }

  @Override
  public void close() {
    closed = true;
    keepAlive.shutdownNow();
    subscriptions.forEach(Subscription::close);
    writers.shutdown();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One client's filter, queue and connection. Topics empty = every output. */
  final class Subscription implements AutoCloseable {
    private final Slot slot;
    private final Set<String> topics;
    private final String keyPrefix;
    private final BlockingQueue<OutputEvent> queue;
    private final Sink sink;
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean open = true;

    private Subscription(
        Slot slot,
        Set<String> topics,
        String keyPrefix,
        BlockingQueue<OutputEvent> queue,
        Sink sink) {
      this.slot = slot;
      this.topics = Set.copyOf(topics);
      this.keyPrefix = keyPrefix;
      this.queue = queue;
      this.sink = sink;
    }

    boolean wants(OutputEvent event) {
      return open
          && (topics.isEmpty() || topics.contains(event.topic()))
          && event.key().startsWith(keyPrefix);
    }

    private void enqueue(OutputEvent event) {
      if (!open) {
        return;
      }
      if (!queue.offer(event)) {
        if (event == KEEP_ALIVE) {
          return; // a full queue has data to send: no keep-alive needed
        }
        dropped.addAndGet(queue.size() + 1L);
        queue.clear();
        queue.offer(RESYNC);
      }
      scheduleDrain();
    }

    private void scheduleDrain() {
      if (open && draining.compareAndSet(false, true)) {
        try {
          writers.execute(this::drain);
        } catch (RejectedExecutionException e) {
          draining.set(false); // the hub is closing
        }
      }
    }

    private void drain() {
      try {
        OutputEvent event;
        while (open && (event = queue.poll()) != null) {
          if (!sink.send(event)) {
            close();
            return;
          }
        }
      } catch (RuntimeException e) {
        LOG.debug("Push client failed: {}", e.toString());
        close();
        return;
      } finally {
        draining.set(false);
      }
      // An event queued after the last poll but before draining was reset would wait otherwise.
      if (!queue.isEmpty()) {
        scheduleDrain();
      }
    }

    boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      if (!open) {
        return;
      }
      open = false;
      subscriptions.remove(this);
      queue.clear();
      if (slot != null) {
        slot.release();
      }
      sink.close();
    }
  }
}
