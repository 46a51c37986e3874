package io.tradewatch.streams.app;

import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.domain.alerts.RuleBook;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The Streams application's settings, validated once. Client properties (security settings
 * included) pass through to every Kafka client unchanged; our own settings are layered on top.
 *
 * @param bootstrapServers the Kafka cluster
 * @param applicationId the Streams application id (consumer group, state and internal topic names)
 * @param topicPrefix prefix of every tradewatch topic
 * @param outputPrefix prefix of the output topics (a replay writes beside the live outputs)
 * @param stateDir where state stores live
 * @param processingGuarantee {@code exactly_once_v2} (default) or {@code at_least_once}
 * @param threads stream threads in this instance
 * @param commitInterval how often results are committed and caches flushed
 * @param clientProperties any further Kafka client or Streams properties (TLS, SASL, ...)
 * @param cifFobFactor imports are divided by it in mirror comparisons (1: as reported)
 * @param alertRules the alert rules (validated when read)
 */
public record StreamsSettings(
    String bootstrapServers,
    String applicationId,
    String topicPrefix,
    String outputPrefix,
    Path stateDir,
    String processingGuarantee,
    int threads,
    Duration commitInterval,
    Map<String, String> clientProperties,
    BigDecimal cifFobFactor,
    RuleBook alertRules) {

  public static final String DEFAULT_APPLICATION_ID = "tradewatch";

  /** The default commit interval in milliseconds, a constant the command-line help can name. */
  public static final String DEFAULT_COMMIT_INTERVAL_MS = "200";

  public static final Duration DEFAULT_COMMIT_INTERVAL =
      Duration.ofMillis(Long.parseLong(DEFAULT_COMMIT_INTERVAL_MS));

  /**
   * The most the record cache of the state stores takes by default, per instance (shared by its
   * stream threads), unless the client properties set {@code statestore.cache.max.bytes}. Kafka's
   * 10 MB default is too small here: when the cache is full, a write to a store evicts that store's
   * own least recently used entry to its changelog, so a store written on every record (a small one
   * included) writes through instead of folding a commit interval's updates. Measured on the
   * customs benchmark (BENCHMARKS.md): 13.3 Kafka writes per input with 10 MB, 10.0 with 128 MiB.
   * See {@link #defaultCacheMaxBytes} for small heaps.
   */
  public static final long DEFAULT_CACHE_MAX_BYTES = 128L * 1024 * 1024;

  /**
   * The share of the maximum heap the default record cache may take. The cache counts the bytes of
   * keys and values, and its small entries take about three times that on the heap: a {@code run}
   * process with {@code -Xmx512m} and a full 128 MiB cache held 372 MB live after each collection,
   * collected every 200 ms and drained at a third of its speed.
   */
  static final int CACHE_HEAP_FRACTION = 10;

  /**
   * The default record cache for a heap of {@code maxHeapBytes}: {@link #DEFAULT_CACHE_MAX_BYTES},
   * or a tenth of the heap when that is less (51 MiB with {@code -Xmx512m}).
   */
  static long defaultCacheMaxBytes(long maxHeapBytes) {
    return Math.min(DEFAULT_CACHE_MAX_BYTES, maxHeapBytes / CACHE_HEAP_FRACTION);
  }

  /**
   * How long Kafka Streams itself waits between attempts to create its internal topics, unless the
   * client properties set {@code retry.backoff.ms}. Kafka Streams 4.3 waits this long after
   * <em>each</em> topic of a round that is not yet ready (in {@code InternalTopicManager}), not
   * once per round: with Kafka's 100 ms and the topology's ~35 internal topics, a fresh application
   * spent 3.5 s of its first start asleep. Kafka Streams reads this value from the main consumer's
   * configuration (its partition assignor creates the topics), so the main consumer's retries start
   * at 10 ms too (doubling up to {@code retry.backoff.max.ms}, 1 s); the restore and global
   * consumers, the producers and the admin client keep Kafka's default ({@link
   * #CLIENT_RETRY_BACKOFF_MS}).
   */
  public static final long TOPIC_CREATION_RETRY_BACKOFF_MS = 10;

  /** Kafka's default {@code retry.backoff.ms}, kept by every client but the main consumer. */
  public static final long CLIENT_RETRY_BACKOFF_MS = 100;

  public StreamsSettings {
    require(
        bootstrapServers != null && !bootstrapServers.isBlank(), "bootstrap.servers", "is empty");
    require(
        applicationId != null && applicationId.matches("[A-Za-z0-9._-]+"),
        "application.id",
        "must be letters, digits, '.', '_' or '-', was '" + applicationId + "'");
    require(
        topicPrefix != null && topicPrefix.matches("[A-Za-z0-9._-]*"),
        "topic prefix",
        "must be letters, digits, '.', '_' or '-', was '" + topicPrefix + "'");
    require(
        outputPrefix != null && outputPrefix.matches("[A-Za-z0-9._-]*"),
        "output topic prefix",
        "must be letters, digits, '.', '_' or '-', was '" + outputPrefix + "'");
    Objects.requireNonNull(stateDir, "state.dir");
    Objects.requireNonNull(alertRules, "alert rules");
    require(
        StreamsConfig.EXACTLY_ONCE_V2.equals(processingGuarantee)
            || StreamsConfig.AT_LEAST_ONCE.equals(processingGuarantee),
        "processing.guarantee",
        "must be exactly_once_v2 or at_least_once, was '" + processingGuarantee + "'");
    require(threads >= 1, "num.stream.threads", "must be at least 1, was " + threads);
    require(
        commitInterval != null && !commitInterval.isNegative() && !commitInterval.isZero(),
        "commit.interval.ms",
        "must be positive, was " + commitInterval);
    clientProperties = Map.copyOf(clientProperties == null ? Map.of() : clientProperties);
    require(
        cifFobFactor != null
            && cifFobFactor.compareTo(BigDecimal.ONE) >= 0
            && cifFobFactor.compareTo(BigDecimal.valueOf(2)) <= 0,
        "CIF/FOB factor",
        "must be between 1 and 2, was " + cifFobFactor);
  }

  /**
   * Settings with the defaults: exactly-once, one thread, 200 ms commits, no CIF/FOB adjustment.
   */
  public static StreamsSettings defaults(String bootstrapServers, Path stateDir) {
    return new Builder(bootstrapServers, stateDir).build();
  }

  /** A builder holding these settings, to change some by name. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public StreamsSettings withApplicationId(String id) {
    return toBuilder().applicationId(id).build();
  }

  /** Another prefix for every topic, inputs and outputs alike. */
  public StreamsSettings withTopicPrefix(String prefix) {
    return toBuilder().topicPrefix(prefix).outputPrefix(prefix).build();
  }

  /** Another prefix for the output topics only (a replay reads the inputs, writes beside). */
  public StreamsSettings withOutputPrefix(String prefix) {
    return toBuilder().outputPrefix(prefix).build();
  }

  public StreamsSettings withStateDir(Path dir) {
    return toBuilder().stateDir(dir).build();
  }

  public StreamsSettings withProcessingGuarantee(String guarantee) {
    return toBuilder().processingGuarantee(guarantee).build();
  }

  public StreamsSettings withThreads(int count) {
    return toBuilder().threads(count).build();
  }

  public StreamsSettings withCommitInterval(Duration interval) {
    return toBuilder().commitInterval(interval).build();
  }

  public StreamsSettings withClientProperties(Map<String, String> properties) {
    return toBuilder().clientProperties(properties).build();
  }

  public StreamsSettings withCifFobFactor(BigDecimal factor) {
    return toBuilder().cifFobFactor(factor).build();
  }

  public StreamsSettings withAlertRules(RuleBook rules) {
    return toBuilder().alertRules(rules).build();
  }

  /**
   * Settings by name; {@link #build()} validates them all at once, as the record's constructor
   * does. Starts from the defaults or from existing settings.
   */
  public static final class Builder {
    private final String bootstrapServers;
    private String applicationId = DEFAULT_APPLICATION_ID;
    private String topicPrefix = Topics.DEFAULT_PREFIX;
    private String outputPrefix = Topics.DEFAULT_PREFIX;
    private Path stateDir;
    private String processingGuarantee = StreamsConfig.EXACTLY_ONCE_V2;
    private int threads = 1;
    private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
    private Map<String, String> clientProperties = Map.of();
    private BigDecimal cifFobFactor = BigDecimal.ONE;
    private RuleBook alertRules = AlertRulesFile.defaults();

    private Builder(String bootstrapServers, Path stateDir) {
      this.bootstrapServers = bootstrapServers;
      this.stateDir = stateDir;
    }

    private Builder(StreamsSettings from) {
      this(from.bootstrapServers, from.stateDir);
      applicationId = from.applicationId;
      topicPrefix = from.topicPrefix;
      outputPrefix = from.outputPrefix;
      processingGuarantee = from.processingGuarantee;
      threads = from.threads;
      commitInterval = from.commitInterval;
      clientProperties = from.clientProperties;
      cifFobFactor = from.cifFobFactor;
      alertRules = from.alertRules;
    }

    public Builder applicationId(String id) {
      applicationId = id;
      return this;
    }

    public Builder topicPrefix(String prefix) {
      topicPrefix = prefix;
      return this;
    }

    public Builder outputPrefix(String prefix) {
      outputPrefix = prefix;
      return this;
    }

    public Builder stateDir(Path dir) {
      stateDir = dir;
      return this;
    }

    public Builder processingGuarantee(String guarantee) {
      processingGuarantee = guarantee;
      return this;
    }

    public Builder threads(int count) {
      threads = count;
      return this;
    }

    public Builder commitInterval(Duration interval) {
      commitInterval = interval;
      return this;
    }

    public Builder clientProperties(Map<String, String> properties) {
      clientProperties = properties;
      return this;
    }

    public Builder cifFobFactor(BigDecimal factor) {
      cifFobFactor = factor;
      return this;
    }

    public Builder alertRules(RuleBook rules) {
      alertRules = rules;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first setting that is not valid
     */
    public StreamsSettings build() {
      return new StreamsSettings(
          bootstrapServers,
          applicationId,
          topicPrefix,
          outputPrefix,
          stateDir,
          processingGuarantee,
          threads,
          commitInterval,
          clientProperties,
          cifFobFactor,
          alertRules);
    }
  }

  public Topics topics() {
    return Topics.withPrefix(topicPrefix).withOutputPrefix(outputPrefix);
  }

  /** The properties for {@code KafkaStreams}: client properties first, then ours. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.putAll(new TreeMap<>(clientProperties));
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Bytes that are not our Avro never stop the application: Kafka Streams logs them and sends
    // them, with headers naming topic, partition, offset and exception, to the dead-letter topic.
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class.getName());
    p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics().deadLetter().name());
    // Nor does one record whose processing throws, or whose output cannot be serialized (a figure
    // too large for its Avro decimal): it goes to the dead-letter topic with the reason and the
    // next record is processed. Left to the default, the stream thread dies on it, its
    // replacement meets the same record, and everything after it waits forever.
    p.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterExceptionHandler.class.getName());
    p.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterExceptionHandler.class.getName());
    p.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    // Changelog and repartition records carry statistical periods as timestamps, months or years
    // apart: with time-based rolling (segment.ms, 10 minutes on repartition topics) the broker
    // would start a new segment, with new index files, for nearly every batch. Roll by size.
    p.putIfAbsent(
        StreamsConfig.topicPrefix(TopicConfig.SEGMENT_MS_CONFIG), Topic.SEGMENT_MS_NEVER_BY_TIME);
    // A task reading several partitions processes what it has instead of waiting to interleave
    // them by timestamp: no step here is a stream-table join whose result depends on that order
    // (every aggregate gives the same result in any order, which ReplayAndOrderEndToEndTest
    // checks), and with the default (0) Kafka Streams 4.3 formats its trace-log strings on every
    // call to decide, a tenth of the stream thread's CPU in the benchmark's profile.
    p.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    p.putIfAbsent(
        StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
        defaultCacheMaxBytes(Runtime.getRuntime().maxMemory()));
    // Any retry.backoff.ms of the user's (plain, or for one kind of client) leaves them all alone.
    if (clientProperties.keySet().stream()
        .noneMatch(key -> key.toString().endsWith(StreamsConfig.RETRY_BACKOFF_MS_CONFIG))) {
      p.put(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, TOPIC_CREATION_RETRY_BACKOFF_MS);
      for (String client :
          List.of(
              StreamsConfig.RESTORE_CONSUMER_PREFIX,
              StreamsConfig.GLOBAL_CONSUMER_PREFIX,
              StreamsConfig.PRODUCER_PREFIX,
              StreamsConfig.ADMIN_CLIENT_PREFIX)) {
        p.putIfAbsent(client + StreamsConfig.RETRY_BACKOFF_MS_CONFIG, CLIENT_RETRY_BACKOFF_MS);
      }
    }
    return p;
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(key + " " + problem);
    }
  }

  /** Every setting except the client properties' values, which may hold passwords and keys. */
  @Override
  public String toString() {
    return "StreamsSettings[bootstrapServers="
        + bootstrapServers
        + ", applicationId="
        + applicationId
        + ", topicPrefix="
        + topicPrefix
        + ", outputPrefix="
        + outputPrefix
        + ", stateDir="
        + stateDir
        + ", processingGuarantee="
        + processingGuarantee
        + ", threads="
        + threads
        + ", commitInterval="
        + commitInterval
        + ", clientProperties="
        + new java.util.TreeSet<>(clientProperties.keySet())
        + ", cifFobFactor="
        + cifFobFactor
        + ", alertRules="
        + alertRules.rules().size()
        + " rules]";
  }
}
