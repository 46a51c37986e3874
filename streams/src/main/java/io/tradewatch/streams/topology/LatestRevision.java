package io.tradewatch.streams.topology;

import io.tradewatch.avro.Revision;
import io.tradewatch.avro.internal.RevisionState;
import io.tradewatch.schemas.Serdes;
import java.util.Set;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest revision of every figure, so that downstream aggregates see each figure once
 * with its current value whatever order revisions arrive in.
 *
 * <ul>
 *   <li>A first publication or a higher revision is applied and forwarded; a higher revision also
 *       yields a {@link Revision} record (first, previous and new value).
 *   <li>An exact repeat of the applied revision changes nothing and is not forwarded (re-running a
 *       file is harmless).
 *   <li>An older revision, or the same revision number with a different value, cannot be applied:
 *       it goes to the dead-letter topic with the reason.
 * </ul>
 *
 * Aggregates downstream store figures by identity and overwrite them, which is what retracts the
 * old value of a revised figure.
 */
final class LatestRevision<T> implements FixedKeyProcessor<String, T, Checked<Revised<T>>> {
  private static final Logger LOG = LoggerFactory.getLogger(LatestRevision.class);

  private final String storeName;
  private final RevisionIdentity<T> identity;
  private FixedKeyProcessorContext<String, Checked<Revised<T>>> context;
  private KeyValueStore<String, RevisionState> store;

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
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(storeName), Serdes.STRING, Serdes.REVISION_STATE)
                .withCachingEnabled());
      }
    };
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Checked<Revised<T>>> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, T> record) {
    T value = record.value();
    String key = identity.recordKey().apply(value);
    int revision = identity.revision().applyAsInt(value);
    var amount = identity.valueUsd().apply(value);
    RevisionState applied = store.get(key);

    if (applied == null) {
      store.put(key, new RevisionState(revision, amount, revision, amount));
      context.forward(record.withValue(Checked.ok(new Revised<>(value, null))));
    } else if (revision > applied.getRevision()) {
      store.put(
          key,
          new RevisionState(
              applied.getFirstRevision(), applied.getFirstValueUsd(), revision, amount));
      Revision change =
          new Revision(
              key,
              identity.kind(),
              applied.getFirstRevision(),
              applied.getFirstValueUsd(),
              applied.getRevision(),
              applied.getValueUsd(),
              revision,
              amount,
              amount.subtract(applied.getValueUsd()),
              amount.subtract(applied.getFirstValueUsd()));
      context.forward(record.withValue(Checked.ok(new Revised<>(value, change))));
    } else if (revision == applied.getRevision() && amount.compareTo(applied.getValueUsd()) == 0) {
      LOG.debug("Ignoring repeated revision {} of {}", revision, key);
    } else {
      String reason =
          revision == applied.getRevision()
              ? "revision "
                  + revision
                  + " of "
                  + key
                  + " was already applied with value "
                  + applied.getValueUsd()
                  + "; a corrected value needs a higher revision"
              : "revision "
                  + revision
                  + " of "
                  + key
                  + " is older than the applied revision "
                  + applied.getRevision();
      DeadLetters.describe(
          record.headers(), context.recordMetadata().orElse(null), "stale-revision", reason);
      context.forward(record.withValue(Checked.rejected(new Revised<>(value, null), reason)));
    }
  }
}
