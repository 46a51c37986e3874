package io.tradewatch.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The dashboard's meter registry (Prometheus): Kafka Streams client metrics, JVM metrics and the
 * pipeline's own: output records per topic, end-to-end latency and event-time lag.
 */
final class DashboardMetrics implements AutoCloseable {
  /**
   * Kafka Streams registers metrics as threads and tasks come and go; the binder looks for new ones
   * this often (Micrometer's default is a minute).
   */
  static final Duration STREAMS_METRICS_REFRESH = Duration.ofSeconds(5);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "tradewatch-dashboard-metrics");
            t.setDaemon(true);
            return t;
          });
  private final KafkaStreamsMetrics streamsMetrics;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private final AtomicLong newestPeriodMs = new AtomicLong(Long.MIN_VALUE);

  /**
   * @param streams the Kafka Streams client whose metrics to expose; null for none (tests)
   */
  DashboardMetrics(KafkaStreams streams) {
    streamsMetrics =
        streams == null
            ? null
            : new KafkaStreamsMetrics(streams, List.of(), refresher, STREAMS_METRICS_REFRESH);
    if (streamsMetrics != null) {
      streamsMetrics.bindTo(registry);
    }
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("tradewatch.event.time.lag", this, DashboardMetrics::eventTimeLagSeconds)
        .description(
            "Now minus the start of the newest statistical period seen on the outputs (NaN"
                + " before the first output record)")
        .baseUnit("seconds")
        .register(registry);
  }

  /** The gauge of connected push clients, {@code tradewatch_dashboard_push_clients}. */
  void pushClients(java.util.function.IntSupplier clients) {
    Gauge.builder("tradewatch.dashboard.push.clients", clients, c -> c.getAsInt())
        .description("Push-stream (/api/stream) clients connected to this instance")
        // Gauges hold their object weakly; nothing else holds this supplier.
        .strongReference(true)
        .register(registry);
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Counts one output record and, when the input's publish time is known, its latency. */
  /** A record sent to the dead-letter topic, counted by reason. */
  void rejected(String reason) {
    Counter.builder("tradewatch.records.rejected")
        .description("Records sent to the dead-letter topic, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** An alert event: raised or cleared. */
  void alert(String state, String severity) {
    Counter.builder("tradewatch.alerts")
        .description("Alert events, by state (RAISED, CLEARED) and severity")
        .tag("state", state)
        .tag("severity", severity)
        .register(registry)
        .increment();
  }

  void outputRecord(String topic, long periodTimestamp, Long publishedAt, long receivedAt) {
    Counter.builder("tradewatch.output.records")
        .description("Records read from the output topics")
        .tag("topic", topic)
        .register(registry)
        .increment();
    if (publishedAt != null) {
      Timer.builder("tradewatch.end.to.end.latency")
          .description("From publishing an input record to reading the output it changed")
          .tag("topic", topic)
          .publishPercentiles(0.5, 0.99)
          .register(registry)
          // Clocks of the publishing and the receiving host may differ a little: never negative.
          .record(Duration.ofMillis(Math.max(0, receivedAt - publishedAt)));
    }
    newestPeriodMs.accumulateAndGet(periodTimestamp, Math::max);
  }

  private double eventTimeLagSeconds() {
    long newest = newestPeriodMs.get();
    return newest == Long.MIN_VALUE ? Double.NaN : (System.currentTimeMillis() - newest) / 1000.0;
  }

  @Override
  public void close() {
    if (streamsMetrics != null) {
      streamsMetrics.close();
    }
    gcMetrics.close();
    refresher.shutdownNow();
    registry.close();
  }
}
