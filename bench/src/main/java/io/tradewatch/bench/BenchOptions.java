package io.tradewatch.bench;

import io.tradewatch.producers.synthetic.CustomsReleases;
import io.tradewatch.streams.app.StreamsSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What one benchmark run does, validated once.
 *
 * @param records synthetic records pre-loaded into the input topic of each shape
 * @param shapes the input shapes drained, in this order, each on input topics of its own
 * @param seed seed of the synthetic data (same seed, same records)
 * @param warmups discarded passes before each measured series
 * @param runs measured passes per figure; the median is reported
 * @param partitions partitions of every topic
 * @param threads stream threads of each instance of the drained application
 * @param instances Kafka Streams instances of the drained application, started side by side in this
 *     JVM with the same application id (as a second machine would join the group)
 * @param ingestRows rows of each generated CSV file for the ingest measurement (0: skip)
 * @param e2eSeconds duration of the paced latency measurement (0: skip)
 * @param e2eRate records per second of the latency measurement; 0: half the sparse ALOS rate
 * @param e2eGuarantees processing guarantees the latency is measured for
 * @param quietPeriod how long outputs, changelogs and commits must stay unchanged to call a drain
 *     done (not part of the timed interval)
 * @param timeout the longest one drain may take
 * @param commitInterval the topology's commit interval
 * @param streamsConfig further Kafka Streams (and its clients') settings of the topology, as a user
 *     would pass them in a properties file
 * @param producerConfig further producer settings of the ingest runs, as a user would pass them to
 *     {@code publish --config}
 */
public record BenchOptions(
    long records,
    List<Shape> shapes,
    long seed,
    int warmups,
    int runs,
    int partitions,
    int threads,
    int instances,
    long ingestRows,
    int e2eSeconds,
    int e2eRate,
    List<String> e2eGuarantees,
    Duration quietPeriod,
    Duration timeout,
    Duration commitInterval,
    Map<String, String> streamsConfig,
    Map<String, String> producerConfig) {

  public static final long DEFAULT_RECORDS = 2_000_000;

  // What --quick sets (Builder.quick()): constants, so that the command's help can name them.
  // 20 000 records took 3 minutes on 2 cores, most of it the JIT-cold sparse topology drains
  // (~400 records/s); 10 000 brings the whole run to about two.
  public static final long QUICK_RECORDS = 10_000;
  public static final int QUICK_WARMUPS = 0;
  public static final int QUICK_RUNS = 1;
  public static final int QUICK_E2E_SECONDS = 5;
  public static final long QUICK_INGEST_ROWS = 20_000;

  public BenchOptions {
    require(records >= 1, "--records", "must be at least 1, was " + records);
    shapes = List.copyOf(shapes);
    require(!shapes.isEmpty(), "--shapes", "must list sparse and/or customs");
    require(
        new HashSet<>(shapes).size() == shapes.size(),
        "--shapes",
        "must list each shape once, had " + shapes.stream().map(Shape::label).toList());
    require(
        !shapes.contains(Shape.CUSTOMS) || records <= CustomsReleases.MAX_COUNT,
        "--records",
        "must be at most " + CustomsReleases.MAX_COUNT + " with the customs shape, was " + records);
    require(warmups >= 0, "--warmups", "must be 0 or more, was " + warmups);
    require(runs >= 1, "--runs", "must be at least 1, was " + runs);
    require(partitions >= 1, "--partitions", "must be at least 1, was " + partitions);
    require(threads >= 1, "--threads", "must be at least 1, was " + threads);
    require(instances >= 1, "--instances", "must be at least 1, was " + instances);
    require(ingestRows >= 0, "--ingest-rows", "must be 0 or more, was " + ingestRows);
    require(e2eSeconds >= 0, "--e2e-seconds", "must be 0 or more, was " + e2eSeconds);
    require(e2eRate >= 0, "--e2e-rate", "must be 0 or more, was " + e2eRate);
    require(
        e2eSeconds == 0 || e2eRate > 0 || shapes.contains(Shape.SPARSE),
        "--e2e-rate",
        "must be given when --shapes leaves out sparse (or skip the latency with --e2e-seconds 0):"
            + " the latency runs on sparse records, and its default rate is half the sparse"
            + " at-least-once drain's");
    e2eGuarantees = List.copyOf(e2eGuarantees);
    streamsConfig = Map.copyOf(streamsConfig);
    producerConfig = Map.copyOf(producerConfig);
    for (String g : e2eGuarantees) {
      require(
          g.equals(StreamsConfig.AT_LEAST_ONCE) || g.equals(StreamsConfig.EXACTLY_ONCE_V2),
          "--e2e-guarantees",
          "must list at_least_once and/or exactly_once_v2, had '" + g + "'");
    }
    require(!quietPeriod.isNegative(), "--quiet-ms", "must be 0 or more");
    require(timeout.compareTo(Duration.ofSeconds(1)) >= 0, "--timeout-s", "must be at least 1");
    require(
        commitInterval.compareTo(Duration.ofMillis(1)) >= 0,
        "--commit-interval-ms",
        "must be at least 1");
  }

  /** The defaults of the command line: 2 M records of both shapes, 1 warm-up, median of 3. */
  public static BenchOptions defaults() {
    return builder().build();
  }

  /** Options by name, each at its default until set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link BenchOptions} by name; {@link #build()} validates them. */
  public static final class Builder {
    private long records = DEFAULT_RECORDS;
    private List<Shape> shapes = List.of(Shape.SPARSE, Shape.CUSTOMS);
    private long seed = 42;
    private int warmups = 1;
    private int runs = 3;
    private int partitions = 2;
    private int threads = 1;
    private int instances = 1;
    private long ingestRows = 500_000;
    private int e2eSeconds = 20;
    private int e2eRate;
    private List<String> e2eGuarantees =
        List.of(StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2);
    private Duration quietPeriod = Duration.ofSeconds(2);
    private Duration timeout = Duration.ofMinutes(30);
    private Duration commitInterval = StreamsSettings.DEFAULT_COMMIT_INTERVAL;
    private Map<String, String> streamsConfig = Map.of();
    private Map<String, String> producerConfig = Map.of();

    private Builder() {}

    /**
     * The development mode ({@code --quick}), about two minutes on two cores: {@value
     * BenchOptions#QUICK_RECORDS} records, {@value BenchOptions#QUICK_WARMUPS} warm-ups, {@value
     * BenchOptions#QUICK_RUNS} run, {@value BenchOptions#QUICK_E2E_SECONDS} s of latency and
     * {@value BenchOptions#QUICK_INGEST_ROWS} ingest rows. Its figures are JIT-cold single passes
     * over a small input: enough to see that a change runs and roughly where it lands, not to
     * publish. Setters called afterwards override it.
     */
    public Builder quick() {
      records = QUICK_RECORDS;
      warmups = QUICK_WARMUPS;
      runs = QUICK_RUNS;
      e2eSeconds = QUICK_E2E_SECONDS;
      ingestRows = QUICK_INGEST_ROWS;
      return this;
    }

    public Builder records(long value) {
      records = value;
      return this;
    }

    public Builder shapes(List<Shape> value) {
      shapes = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder warmups(int value) {
      warmups = value;
      return this;
    }

    public Builder runs(int value) {
      runs = value;
      return this;
    }

    public Builder partitions(int value) {
      partitions = value;
      return this;
    }

    public Builder threads(int value) {
      threads = value;
      return this;
    }

    public Builder instances(int value) {
      instances = value;
      return this;
    }

    public Builder ingestRows(long value) {
      ingestRows = value;
      return this;
    }

    public Builder e2eSeconds(int value) {
      e2eSeconds = value;
      return this;
    }

    public Builder e2eRate(int value) {
      e2eRate = value;
      return this;
    }

    public Builder e2eGuarantees(List<String> value) {
      e2eGuarantees = value;
      return this;
    }

    public Builder quietPeriod(Duration value) {
      quietPeriod = value;
      return this;
    }

    public Builder timeout(Duration value) {
      timeout = value;
      return this;
    }

    public Builder commitInterval(Duration value) {
      commitInterval = value;
      return this;
    }

    public Builder streamsConfig(Map<String, String> value) {
      streamsConfig = value;
      return this;
    }

    public Builder producerConfig(Map<String, String> value) {
      producerConfig = value;
      return this;
    }

    /**
     * The options set.
     *
     * @throws IllegalArgumentException naming the command-line option of a value out of range
     */
    public BenchOptions build() {
      return new BenchOptions(
          records,
          shapes,
          seed,
          warmups,
          runs,
          partitions,
          threads,
          instances,
          ingestRows,
          e2eSeconds,
          e2eRate,
          e2eGuarantees,
          quietPeriod,
          timeout,
          commitInterval,
          streamsConfig,
          producerConfig);
    }
  }

  private static void require(boolean ok, String option, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(option + " " + problem);
    }
  }
}
