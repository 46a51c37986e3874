package io.tradewatch.streams.topology;

import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TradeRecord;
import java.math.BigDecimal;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * How to read the identity, revision number and value of one kind of input record.
 *
 * @param announced whether its revisions go to the revisions topic (figures and targets do; a
 *     release is not a figure, and how a file was cut into releases is not news)
 */
record RevisionIdentity<T>(
    String kind,
    Function<T, String> recordKey,
    ToIntFunction<T> revision,
    Function<T, BigDecimal> valueUsd,
    boolean announced) {

  RevisionIdentity(
      String kind,
      Function<T, String> recordKey,
      ToIntFunction<T> revision,
      Function<T, BigDecimal> valueUsd) {
    this(kind, recordKey, revision, valueUsd, true);
  }

  static final RevisionIdentity<TradeRecord> TRADE =
      new RevisionIdentity<>(
          "trade", r -> r.getRecordKey(), TradeRecord::getRevision, TradeRecord::getValueUsd);
  static final RevisionIdentity<FdiRecord> FDI =
      new RevisionIdentity<>(
          "fdi", r -> r.getRecordKey(), FdiRecord::getRevision, FdiRecord::getValueUsd);

  /**
   * A release has no amount: its key names what it covers (month, flows, partners), so the same
   * revision sent again, even with another row count (a file published in chunks), is the same
   * release. Each copy (one per partition of the figures) is revised on its own.
   */
  static final RevisionIdentity<Release> RELEASE =
      new RevisionIdentity<>(
          "release",
          r -> r.getReleaseKey() + "#" + r.getPart(),
          Release::getRevision,
          r -> BigDecimal.ZERO.setScale(2),
          false);

  static final RevisionIdentity<TargetDefinition> TARGET =
      new RevisionIdentity<>(
          "target",
          t -> t.getTargetId(),
          TargetDefinition::getRevision,
          TargetDefinition::getTargetUsd);
}
