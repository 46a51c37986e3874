package io.tradewatch.streams.topology;

import io.tradewatch.avro.internal.RevisionState;
import io.tradewatch.schemas.Serdes;
import java.util.Set;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest revision of every figure of one kind in a store of its own, so that downstream
 * aggregates see each figure once with its current value whatever order revisions arrive in; the
 * rule itself is {@link RevisionRule}. Aggregates downstream store figures by identity and
 * overwrite them, which is what retracts the old value of a revised figure. An exact repeat is
 * dropped, but under at-least-once when an earlier start of the task stored the figure ({@link
 * StartStamp}).
 */
final class LatestRevision<T> implements FixedKeyProcessor<String, T, Checked<Revised<T>>> {
  private static final Logger LOG = LoggerFactory.getLogger(LatestRevision.class);

  private final String storeName;
  private final RevisionIdentity<T> identity;
  private FixedKeyProcessorContext<String, Checked<Revised<T>>> context;
  private TimestampedKeyValueStore<String, RevisionState> store;
  private StartStamp start;

  private LatestRevision(String storeName, RevisionIdentity<T> identity) {
    this.storeName = storeName;
    this.identity = identity;
  }

  static <T> FixedKeyProcessorSupplier<String, T, Checked<Revised<T>>> supplier(
      String storeName, RevisionIdentity<T> identity) {
    return new FixedKeyProcessorSupplier<>() {
      @Override
      public FixedKeyProcessor<String, T, Checked<Revised<T>>> get() {
        return new LatestRevision<>(storeName, identity);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.timestampedKeyValueStoreBuilder(
                    Stores.persistentTimestampedKeyValueStore(storeName),
                    Serdes.STRING,
                    Serdes.REVISION_STATE)
                .withCachingEnabled());
      }
    };
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Checked<Revised<T>>> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    this.start = StartStamp.of(context.appConfigs());
  }

  @Override
  public void process(FixedKeyRecord<String, T> record) {
    T value = record.value();
    String key = identity.recordKey().apply(value);
    ValueAndTimestamp<RevisionState> stamped = store.get(key);
    RevisionState stored = ValueAndTimestamp.getValueOrNull(stamped);
    RevisionRule.Applied applied =
        stored == null
            ? null
            : new RevisionRule.Applied(
                stored.getFirstRevision(),
                stored.getFirstValueUsd(),
                stored.getRevision(),
                stored.getValueUsd());
    Checked<Revised<T>> verdict = RevisionRule.judge(value, identity, applied);
    if (verdict == null) {
      if (!start.writtenBefore(stamped)) {
        LOG.debug("Ignoring a repeated revision of {}", key);
        return;
      }
      // Under at-least-once, a repeat of a figure an earlier start stored goes on (as no
      // revision): a crash may have kept this store's write and lost what the figure changed
      // downstream, which stores figures by identity and takes it again unchanged.
      verdict = Checked.ok(new Revised<>(value, null));
    }
    if (verdict.isOk()) {
      RevisionRule.Applied now =
          RevisionRule.Applied.after(
              applied, identity.revision().applyAsInt(value), identity.valueUsd().apply(value));
      store.put(
          key,
          start.stamp(
              new RevisionState(
                  now.firstRevision(), now.firstValueUsd(), now.revision(), now.valueUsd())));
    } else {
      DeadLetters.describe(
          record.headers(),
          context.recordMetadata().orElse(null),
          RevisionRule.CHECK,
          verdict.rejection());
    }
    context.forward(record.withValue(verdict));
  }
}
