package io.tradewatch.bench;

import io.tradewatch.broker.EmbeddedKafkaCluster;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.app.StreamsSettings;
import io.tradewatch.streams.app.TradewatchApp;
import io.tradewatch.streams.query.FigureCounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the pre-loaded input topic once through the full topology or the {@link StreamsFloor},
 * with a fresh application id (so it reads from the beginning) and its own output topics (so their
 * end offsets count only this run's writes).
 *
 * <p>With {@code --instances} above 1, that many instances of the application start side by side in
 * this JVM, each with its own state directory, and share the input's partitions as a consumer group
 * does across machines.
 *
 * <p>The clock starts when every instance has been RUNNING (group joined, tasks assigned; a
 * rebalance as the later ones join is part of the timed drain) and stops at the last change seen in
 * its committed offsets or in the end offsets of its outputs, changelogs and repartition topics,
 * once every input record has been committed; the quiet period that proves nothing changes any more
 * is not timed. Offsets are polled every 100 ms, which bounds the error.
 */
final class TopologyDrain {
  private static final Logger LOG = LoggerFactory.getLogger(TopologyDrain.class);
  private static final long POLL_MS = 100;

  /**
   * How often a drain logs how far it got: a 2 M-record drain of the sparse shape takes an hour.
   */
  private static final long PROGRESS_NANOS = 10_000_000_000L;

  private final EmbeddedKafkaCluster cluster;
  private final Properties clientProperties;
  private final Topics inputs;
  private final BenchOptions options;
  private final Path workDir;

  TopologyDrain(
      EmbeddedKafkaCluster cluster,
      Properties clientProperties,
      Topics inputs,
      BenchOptions options,
      Path workDir) {
    this.cluster = cluster;
    this.clientProperties = clientProperties;
    this.inputs = inputs;
    this.options = options;
    this.workDir = workDir;
  }

  /** What a drain runs. */
  enum Pipeline {
    /** The tradewatch topology, every output on. */
    FULL,
    /** {@link StreamsFloor}: the baseline's sums as one Kafka Streams aggregate. */
    STREAMS_FLOOR
  }

  Measurement run(Pipeline pipeline, String guarantee, String applicationId, long expected)
      throws IOException, InterruptedException {
    Topics topics = inputs.withOutputPrefix(inputs.prefix() + applicationId + ".");
    List<Topic<?, ?>> outputs = new ArrayList<>(topics.outputs());
    outputs.add(topics.deadLetter());
    cluster.createTopics(outputs, options.partitions());
    List<Path> stateDirs = new ArrayList<>();
    List<TradewatchApp> apps = new ArrayList<>();
    // The inputs the drained topology reads: the floor reads trade figures only (not releases).
    Set<String> inputNames = new HashSet<>();
    if (pipeline == Pipeline.FULL) {
      inputs.inputs().forEach(t -> inputNames.add(t.name()));
    } else {
      inputNames.add(inputs.tradeRecords().name());
    }
    List<String> outputNames = topics.outputs().stream().map(Topic::name).toList();
    try (Offsets offsets = new Offsets(clientProperties)) {
      // Every instance has a state directory of its own, as on machines of their own.
      for (int i = 0; i < options.instances(); i++) {
        Path stateDir = Files.createTempDirectory(workDir, applicationId + "-state-" + i + "-");
        stateDirs.add(stateDir);
        StreamsSettings settings = settings(applicationId, guarantee, topics, stateDir);
        apps.add(
            pipeline == Pipeline.FULL
                ? new TradewatchApp(settings)
                : new TradewatchApp(settings, StreamsFloor.topology(inputs.tradeRecords())));
      }
      apps.forEach(TradewatchApp::start);
      for (TradewatchApp app : apps) {
        app.awaitRunning(Duration.ofMinutes(2));
      }
      try (ResourceMeter meter = new ResourceMeter()) {
        long t0 = System.nanoTime();
        long appCpu0 = ResourceMeter.threadCpuNanos(applicationId);
        long lastFingerprint = Long.MIN_VALUE;
        long lastChange = t0;
        double cpuAtChange = 0;
        long appCpuAtChange = appCpu0;
        Set<String> watched = Set.of();
        long lag = expected;
        long nextProgress = t0 + PROGRESS_NANOS;
        while (true) {
          Map<TopicPartition, Long> committed = offsets.committed(applicationId);
          lag = 0;
          long input = 0;
          for (Map.Entry<TopicPartition, Long> end : offsets.ends(inputNames).entrySet()) {
            lag += end.getValue() - committed.getOrDefault(end.getKey(), 0L);
            input += end.getValue();
          }
          if (lag == 0 || watched.isEmpty()) {
            watched =
                offsets.topics(
                    n -> n.startsWith(applicationId + "-") || n.startsWith(topics.outputPrefix()));
          }
          long writes = offsets.sumEnds(watched);
          long fingerprint = writes;
          for (long c : committed.values()) {
            fingerprint += c;
          }
          long now = System.nanoTime();
          if (now >= nextProgress) {
            nextProgress = now + PROGRESS_NANOS;
            LOG.info(
                "{}: {} of {} input records committed after {} s; {} records written so far",
                applicationId,
                input - lag,
                input,
                (now - t0) / 1_000_000_000L,
                writes);
          }
          if (fingerprint != lastFingerprint) {
            lastFingerprint = fingerprint;
            lastChange = now;
            cpuAtChange = meter.processCpuSeconds();
            appCpuAtChange = ResourceMeter.threadCpuNanos(applicationId);
          }
          if (lag == 0 && now - lastChange >= options.quietPeriod().toNanos()) {
            break;
          }
          if (now - t0 > options.timeout().toNanos()) {
            throw new IllegalStateException(
                applicationId + " did not drain in " + options.timeout() + ": lag " + lag);
          }
          Thread.sleep(POLL_MS);
        }
        double seconds = (lastChange - t0) / 1e9;
        long changelog =
            offsets.sumEnds(
                watched.stream()
                    .filter(n -> n.startsWith(applicationId + "-") && n.endsWith("-changelog"))
                    .toList());
        long repartition =
            offsets.sumEnds(
                watched.stream()
                    .filter(n -> n.startsWith(applicationId + "-") && n.endsWith("-repartition"))
                    .toList());
        long written = offsets.sumEnds(outputNames);
        if (LOG.isDebugEnabled()) {
          for (String name : watched) {
            LOG.debug("{}: {} records", name, offsets.sumEnds(List.of(name)));
          }
        }
        LOG.info(
            "{}: {} records in {} s; {} changelog, {} repartition, {} output records",
            applicationId,
            expected,
            String.format("%.1f", seconds),
            changelog,
            repartition,
            written);
        logFigureCounts(applicationId, apps);
        // Untimed, with the instances still open: what they retain after the whole input.
        long liveHeap = ResourceMeter.liveHeapBytes();
        Measurement m =
            new Measurement(
                expected,
                seconds,
                meter.usage(cpuAtChange, (appCpuAtChange - appCpu0) / 1e9).withLiveHeap(liveHeap),
                new Measurement.KafkaWrites(changelog, repartition, written));
        closeAll(apps);
        Set<String> drop = new HashSet<>(watched);
        outputs.forEach(t -> drop.add(t.name()));
        offsets.delete(drop);
        return m;
      }
    } finally {
      closeAll(apps);
      for (Path stateDir : stateDirs) {
        BenchFiles.deleteTree(stateDir);
      }
    }
  }

  /**
   * The figures each output table computed and wrote ({@link FigureCounts}), summed over the
   * instances: what share of the emission's work changed an output.
   */
  private static void logFigureCounts(String applicationId, List<TradewatchApp> apps) {
    Map<String, FigureCounts.Counts> totals = new TreeMap<>();
    for (TradewatchApp app : apps) {
      FigureCounts.totals(app.streams().metrics())
          .forEach((table, counts) -> totals.merge(table, counts, FigureCounts.Counts::plus));
    }
    totals.forEach(
        (table, counts) ->
            LOG.info(
                "{}: {} computed {} figures and wrote {}, {} of them over a figure it held",
                applicationId,
                table,
                counts.computed(),
                counts.written(),
                counts.rewritten()));
  }

  private StreamsSettings settings(
      String applicationId, String guarantee, Topics topics, Path stateDir) {
    return StreamsSettings.defaults(cluster.bootstrapServers(), stateDir)
        .withApplicationId(applicationId)
        .withTopicPrefix(inputs.prefix())
        .withOutputPrefix(topics.outputPrefix())
        .withProcessingGuarantee(guarantee)
        .withThreads(options.threads())
        .withCommitInterval(options.commitInterval())
        .withClientProperties(options.streamsConfig());
  }

  /** Closes the instances together: one by one, each would hand its tasks to the next first. */
  private static void closeAll(List<TradewatchApp> apps) {
    apps.parallelStream().forEach(TradewatchApp::close);
  }
}
