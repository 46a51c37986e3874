package io.tradewatch.streams.app;

import io.tradewatch.schemas.RecordChecks;
import io.tradewatch.streams.topology.TradewatchTopology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of the topology: builds it from the settings, starts it, waits until it
 * runs, and closes it. A record that cannot be processed goes to the dead-letter topic ({@link
 * DeadLetterExceptionHandler}); a stream thread that dies anyway is replaced rather than taking the
 * instance down, and the failure is kept for callers that must not carry on ({@link #failure}).
 */
public final class TradewatchApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TradewatchApp.class);

  private final StreamsSettings settings;
  private final KafkaStreams streams;
  private final CountDownLatch running = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<Transition> transitions = new CopyOnWriteArrayList<>();
  private final AtomicInteger threadsReplaced = new AtomicInteger();

  /** How long the start waits for the cluster to say how many partitions the trade records have. */
  private static final Duration PARTITIONS_TIMEOUT = Duration.ofSeconds(30);

  /** How many state changes {@link #transitions()} keeps (the newest). */
  private static final int TRANSITIONS_KEPT = 1_000;

  /** A change of the instance's state, as its state listener saw it. */
  public record Transition(KafkaStreams.State from, KafkaStreams.State to) {}

  public TradewatchApp(StreamsSettings settings) {
    this(
        settings,
        TradewatchTopology.build(
            settings.topics(),
            RecordChecks.systemUtc(),
            settings.cifFobFactor(),
            settings.alertRules(),
            settings.commitInterval()),
        withTradePartitions(settings));
  }

  /**
   * Runs another topology with these settings and this lifecycle (the benchmark's Kafka Streams
   * floor runs this way next to the tradewatch topology).
   */
  public TradewatchApp(StreamsSettings settings, Topology topology) {
    this(settings, topology, settings.toProperties());
  }

  private TradewatchApp(StreamsSettings settings, Topology topology, Properties properties) {
    this.settings = settings;
    this.streams = new KafkaStreams(topology, properties);
    streams.setUncaughtExceptionHandler(
        e -> {
          // Records that fail are dead-lettered by DeadLetterExceptionHandler; what reaches here
          // is not one record's fault (a lost broker, a corrupt state directory), and a fresh
          // thread may well get past it. One-shot runs (analyze, demo) still stop on it: see
          // failure().
          failure.compareAndSet(null, e);
          threadsReplaced.incrementAndGet();
          LOG.error("Stream thread failed; replacing it", e);
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.setStateListener(
        (now, before) -> {
          LOG.info("Streams state {} -> {}", before, now);
          transitions.add(new Transition(before, now));
          if (transitions.size() > TRANSITIONS_KEPT) {
            transitions.remove(0);
          }
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
          if (now == KafkaStreams.State.ERROR) {
            failure.compareAndSet(
                null, new IllegalStateException("Kafka Streams went from " + before + " to ERROR"));
          }
        });
  }

  /**
   * The application's configs, with the number of partitions of the trade records' topic as the
   * cluster has it now ({@link TradewatchTopology#TRADE_PARTITIONS_CONFIG}), so that records a
   * producer put on another partition than their key's are dead-lettered. When the cluster cannot
   * say (the topic is not there yet, or the cluster does not answer in time), they are not checked,
   * and a warning says so.
   */
  private static Properties withTradePartitions(StreamsSettings settings) {
    Properties properties = settings.toProperties();
    String topic = settings.topics().tradeRecords().name();
    Map<String, Object> adminConfigs =
        new StreamsConfig(properties).getAdminConfigs(settings.applicationId() + "-partitions");
    try (Admin admin = Admin.create(adminConfigs)) {
      int partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(PARTITIONS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .get(topic)
              .partitions()
              .size();
      properties.put(TradewatchTopology.TRADE_PARTITIONS_CONFIG, partitions);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(
          "Partitions of {} unknown ({}): trade records on another partition than their key's"
              + " will not be detected",
          topic,
          e instanceof ExecutionException ? e.getCause() : e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return properties;
  }

  public TradewatchApp start() {
    LOG.info(
        "Starting tradewatch topology: application {} on {} ({})",
        settings.applicationId(),
        settings.bootstrapServers(),
        settings.processingGuarantee());
    streams.start();
    return this;
  }

  /** Waits until the instance has joined the group and is processing. */
  public void awaitRunning(Duration timeout) throws InterruptedException {
    if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "tradewatch topology not running after " + timeout + " (state " + streams.state() + ")");
    }
  }

  /**
   * The first failure of this instance: a stream thread that died (and was replaced) or the
   * application in state ERROR; empty while all is well.
   */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** Every state change since the start (the newest thousand), in order. */
  public List<Transition> transitions() {
    return List.copyOf(transitions);
  }

  /** How many stream threads died and were replaced since the start. */
  public int threadsReplaced() {
    return threadsReplaced.get();
  }

  public KafkaStreams streams() {
    return streams;
  }

  public StreamsSettings settings() {
    return settings;
  }

  /**
   * Stops this instance and leaves the group, so the remaining instances take its partitions at
   * once (rather than after the session timeout) and a reset can run right after.
   */
  @Override
  public void close() {
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
  }
}
