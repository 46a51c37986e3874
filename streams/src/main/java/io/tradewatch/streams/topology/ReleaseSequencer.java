package io.tradewatch.streams.topology;

import io.tradewatch.avro.Release;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds each copy of a release back until the figures it releases have been read. The producers
 * write a release after its figures, one copy per partition of the figures topic into the same
 * partition of the releases topic, carrying the offset of the last figure written there; this task
 * reads both partitions, and Kafka gives no order between two topics, so a copy that arrives before
 * the figures it follows waits here until the figures topic has been read past that offset.
 *
 * <p>Copies and figures are then forwarded in an order in which every figure of a release comes
 * before the release; downstream, the ledgers count a release once every copy has arrived ({@link
 * TradeLedger}), so no figure is judged on a month whose figures are still loading.
 *
 * <p>A copy forwarded from the waiting store leaves it only once a commit has written what it
 * caused ({@link CommitCounter}): its input was committed when it started to wait, so under
 * at-least-once a crash that kept its removal and lost what it caused would lose the release.
 */
final class ReleaseSequencer implements Processor<String, Object, String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(ReleaseSequencer.class);
  static final String POSITIONS = "release-sequencer-positions";
  static final String WAITING = "release-sequencer-waiting";

  private final String figuresTopic;
  private final String releasesTopic;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, Long> positions;
  private KeyValueStore<String, Release> waiting;
  private CommitCounter commits;

  /** Waiting copies forwarded since the last commit; they leave the store after it. */
  private final Set<String> forwarded = new HashSet<>();

  /** The task's commits when a copy was last forwarded from the store. */
  private long forwardedAt;

  /**
   * The smallest offset a waiting copy waits for (Long.MAX_VALUE when none waits): figures below it
   * need no look at the store. Copies wait keyed by that offset, so the ready ones come first.
   */
  private long nextDue = Long.MAX_VALUE;

  private ReleaseSequencer(String figuresTopic, String releasesTopic) {
    this.figuresTopic = figuresTopic;
    this.releasesTopic = releasesTopic;
  }

  static ProcessorSupplier<String, Object, String, Object> supplier(
      String figuresTopic, String releasesTopic) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, Object, String, Object> get() {
        return new ReleaseSequencer(figuresTopic, releasesTopic);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            // Put for every figure read: held as it is and written once per commit.
            FoldingStore.over(
                Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(POSITIONS),
                    Serdes.STRING,
                    org.apache.kafka.common.serialization.Serdes.Long())),
            // In memory (restored from its changelog): copies wait briefly and are deleted from
            // the front of the key range, which RocksDB would make every scan step over.
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(WAITING), Serdes.STRING, Serdes.RELEASE)
                .withCachingEnabled());
      }
    };
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.positions = context.getStateStore(POSITIONS);
    this.waiting = context.getStateStore(WAITING);
    this.commits = context.getStateStore(TradeLedger.COMMITS);
    forwarded.clear();
    nextDue = firstWaiting();
  }

  @Override
  public void process(Record<String, Object> record) {
    RecordMetadata source = context.recordMetadata().orElseThrow();
    forgetWritten();
    if (source.topic().equals(releasesTopic) && record.value() instanceof Release r) {
      if (r.getAfterOffset() <= position(r.getPart())) {
        context.forward(record);
      } else {
        if (r.getPart() != source.partition()) {
          // This task reads another partition of the figures: it can never see that offset.
          LOG.warn(
              "release {} part {} arrived in partition {} of {}; applied without waiting",
              r.getReleaseKey(),
              r.getPart(),
              source.partition(),
              releasesTopic);
          context.forward(record);
          return;
        }
        waiting.put(waitingKey(r), r);
        nextDue = Math.min(nextDue, r.getAfterOffset());
      }
      return;
    }
    context.forward(record);
    if (source.topic().equals(figuresTopic)) {
      positions.put(Integer.toString(source.partition()), source.offset());
      if (source.offset() >= nextDue) {
        forwardReady(source.offset(), record.timestamp());
      }
    }
  }

  private long position(int partition) {
    Long read = positions.get(Integer.toString(partition));
    return read == null ? -1 : read;
  }

  /**
   * Waiting copies sort by the offset they wait for (zero-padded), then by release. This task reads
   * one partition of the figures, so every copy waiting here waits for that partition.
   */
  private static String waitingKey(Release r) {
    return Keys.join(
        String.format("%019d", r.getAfterOffset()),
        r.getReleaseKey(),
        r.getRevision(),
        r.getPart());
  }

  private long firstWaiting() {
    try (KeyValueIterator<String, Release> all = waiting.all()) {
      while (all.hasNext()) {
        KeyValue<String, Release> kv = all.next();
        if (!forwarded.contains(kv.key)) {
          return kv.value.getAfterOffset();
        }
      }
      return Long.MAX_VALUE;
    }
  }

  /** The copies forwarded before the last commit leave the store: the commit wrote them. */
  private void forgetWritten() {
    if (!forwarded.isEmpty() && commits.commits() > forwardedAt) {
      forwarded.forEach(waiting::delete);
      forwarded.clear();
    }
  }

  /** Forwards the waiting copies whose figures have now been read, in offset order. */
  private void forwardReady(long offset, long timestamp) {
    List<KeyValue<String, Release>> ready = new ArrayList<>();
    try (KeyValueIterator<String, Release> all = waiting.all()) {
      while (all.hasNext()) {
        KeyValue<String, Release> kv = all.next();
        if (kv.value.getAfterOffset() > offset) {
          break;
        }
        if (!forwarded.contains(kv.key)) {
          ready.add(kv);
        }
      }
    }
    for (KeyValue<String, Release> kv : ready) {
      forwarded.add(kv.key);
      forwardedAt = commits.commits();
      context.forward(new Record<>(Keys.releaseMessageKey(kv.value), (Object) kv.value, timestamp));
    }
    nextDue = firstWaiting();
  }
}
