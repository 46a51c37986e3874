package io.tradewatch.bench;

import io.tradewatch.streams.app.StreamsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What one benchmark run does, validated once.
 *
 * @param records synthetic records pre-loaded into the input topic
 * @param seed seed of the synthetic data (same seed, same records)
 * @param warmups discarded passes before each measured series
 * @param runs measured passes per figure; the median is reported
 * @param partitions partitions of every topic
 * @param threads stream threads of the topology
 * @param ingestRows rows of each generated CSV file for the ingest measurement (0: skip)
 * @param e2eSeconds duration of the paced latency measurement (0: skip)
 * @param e2eRate records per second of the latency measurement; 0: half the measured ALOS rate
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
    long seed,
    int warmups,
    int runs,
    int partitions,
    int threads,
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

  public BenchOptions {
    require(records >= 1, "--records", "must be at least 1, was " + records);
    require(warmups >= 0, "--warmups", "must be 0 or more, was " + warmups);
    require(runs >= 1, "--runs", "must be at least 1, was " + runs);
    require(partitions >= 1, "--partitions", "must be at least 1, was " + partitions);
    require(threads >= 1, "--threads", "must be at least 1, was " + threads);
    require(ingestRows >= 0, "--ingest-rows", "must be 0 or more, was " + ingestRows);
    require(e2eSeconds >= 0, "--e2e-seconds", "must be 0 or more, was " + e2eSeconds);
    require(e2eRate >= 0, "--e2e-rate", "must be 0 or more, was " + e2eRate);
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

  /** The defaults of the command line: 2 M records, 1 warm-up, median of 3. */
  public static BenchOptions defaults() {
    return new BenchOptions(
        DEFAULT_RECORDS,
        42,
        1,
        3,
        2,
        1,
        500_000,
        20,
        0,
        List.of(StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2),
        Duration.ofSeconds(2),
        Duration.ofMinutes(30),
        StreamsSettings.DEFAULT_COMMIT_INTERVAL,
        Map.of(),
        Map.of());
  }

  private static void require(boolean ok, String option, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(option + " " + problem);
    }
  }
}
