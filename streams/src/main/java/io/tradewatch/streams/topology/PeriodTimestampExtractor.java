package io.tradewatch.streams.topology;

import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.Keys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the start of the statistical period a record describes, not the moment it was
 * published: a 2019 figure loaded today belongs to 2019. Our producers already stamp records this
 * way; this extractor makes the rule hold for records from any producer. Values it cannot read
 * (null, or rejected later by the checks) keep their record timestamp.
 */
public final class PeriodTimestampExtractor implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    long published = record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    long period = period(record.value());
    // A period that has not started yet is rejected by the input checks; meanwhile its record
    // keeps the timestamp it was published with, since brokers refuse timestamps in the future
    // (log.message.timestamp.after.max.ms) and the dead-letter topic must accept it.
    return period >= 0 && period <= System.currentTimeMillis() ? period : published;
  }

  /** The start of the record's statistical period, or -1 when it has none that makes sense. */
  static long period(Object value) {
    try {
      if (value instanceof TradeRecord r && r.getYear() > 1900) {
        return Keys.tradeTimestamp(r);
      }
      if (value instanceof FdiRecord r && r.getYear() > 1900) {
        return Keys.fdiTimestamp(r);
      }
      if (value instanceof Release r
          && r.getYear() > 1900
          && r.getMonth() >= 1
          && r.getMonth() <= 12) {
        return Keys.releaseTimestamp(r);
      }
      if (value instanceof TargetDefinition t && t.getBaseYear() > 1900) {
        return Keys.targetTimestamp(t);
      }
    } catch (RuntimeException impossiblePeriod) {
      // An impossible period (month 13, say) is rejected by the input checks with its reason.
    }
    return -1;
  }
}
