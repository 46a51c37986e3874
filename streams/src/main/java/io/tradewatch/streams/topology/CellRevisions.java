package io.tradewatch.streams.topology;

import io.tradewatch.avro.TradeRecord;
import io.tradewatch.avro.internal.HsValue;
import io.tradewatch.avro.internal.LedgerInput;
import io.tradewatch.avro.internal.PeriodCell;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest-revision rule ({@link RevisionRule}) for trade figures, in their country pair's task
 * just before the ledger, judged on the revision the ledger keeps with each HS code in the figure's
 * period cell: one store write per figure (the cell's) instead of two (a store of revisions, then
 * the cell). Targets and releases pass through unchanged. Unlike {@link LatestRevision}, an exact
 * repeat is passed on too (see {@link #process}).
 *
 * <p>A rejected figure goes to the dead letters naming the input topic, partition and offset it was
 * read from (figures reach this task with no repartition), under its own message key.
 */
final class CellRevisions
    implements FixedKeyProcessor<String, LedgerInput, Checked<Revised<LedgerInput>>> {
  private static final Logger LOG = LoggerFactory.getLogger(CellRevisions.class);

  private FixedKeyProcessorContext<String, Checked<Revised<LedgerInput>>> context;
  private KeyValueStore<String, PeriodCell> cells;

  @Override
  public void init(FixedKeyProcessorContext<String, Checked<Revised<LedgerInput>>> context) {
    this.context = context;
    this.cells = context.getStateStore(TradeLedger.CELLS);
  }

  @Override
  public void process(FixedKeyRecord<String, LedgerInput> record) {
    TradeRecord r = record.value().getTrade();
    if (r == null) {
      context.forward(record.withValue(Checked.ok(new Revised<>(record.value(), null))));
      return;
    }
    HsValue entry = TradeLedger.entry(cells.get(TradeLedger.cellKey(r)), r.getHsCode());
    RevisionRule.Applied applied =
        entry == null
            ? null
            : new RevisionRule.Applied(
                entry.getFirstRevision(),
                entry.getFirstValueUsd(),
                entry.getRevision(),
                entry.getValueUsd());
    Checked<Revised<TradeRecord>> verdict = RevisionRule.judge(r, RevisionIdentity.TRADE, applied);
    if (verdict == null) {
      // An exact repeat goes on to the ledger, whose bookings are idempotent, rather than being
      // dropped: under at-least-once a crash can leave this cell's write on its changelog without
      // the ledger's other writes for the same figure, and the figure read again then repairs
      // them. Figures that come out unchanged are not written to the outputs again.
      LOG.debug("Booking a repeated revision of {} again", r.getRecordKey());
      verdict = Checked.ok(new Revised<>(r, null));
    }
    if (!verdict.isOk()) {
      DeadLetters.describe(
          record.headers(),
          context.recordMetadata().orElse(null),
          RevisionRule.CHECK,
          verdict.rejection());
    }
    context.forward(
        record.withValue(
            new Checked<>(
                new Revised<>(record.value(), verdict.value().revision()), verdict.rejection())));
  }
}
