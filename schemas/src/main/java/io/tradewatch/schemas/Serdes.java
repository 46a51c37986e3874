package io.tradewatch.schemas;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.FdiAnnual;
import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.MirrorGap;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.Revision;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TargetProgress;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.avro.internal.FdiSeriesState;
import io.tradewatch.avro.internal.LedgerInput;
import io.tradewatch.avro.internal.PeriodCell;
import io.tradewatch.avro.internal.RevisionState;
import io.tradewatch.avro.internal.SeriesActivity;
import io.tradewatch.avro.internal.SeriesYearLedger;
import io.tradewatch.avro.internal.TargetInput;
import io.tradewatch.avro.internal.YearValues;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.serialization.Serde;

/** The project's serdes, created once: they are immutable and thread-safe. */
public final class Serdes {
  private static boolean trusted;

  static {
    trustGeneratedClasses();
  }

  /**
   * Avro 1.12 only instantiates generated classes it trusts. Its system-property list is read once,
   * when Avro's validator class loads, possibly before this runs; so our packages are added to the
   * validator itself. Runs when this class loads; code that builds records before touching a serde
   * calls it first. Idempotent.
   */
  public static synchronized void trustGeneratedClasses() {
    if (trusted) {
      return;
    }
    ClassSecurityValidator.ClassSecurityPredicate ours =
        type ->
            type.getPackageName().equals("io.tradewatch.avro")
                || type.getPackageName().equals("io.tradewatch.avro.internal");
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
    trusted = true;
  }

  private static final SchemaHistory HISTORY =
      new SchemaHistory(
          List.of(
              TradeRecord.getClassSchema(),
              FdiRecord.getClassSchema(),
              TargetDefinition.getClassSchema(),
              TradeMonthly.getClassSchema(),
              TradeAnnual.getClassSchema(),
              TargetProgress.getClassSchema(),
              FdiAnnual.getClassSchema(),
              Revision.getClassSchema(),
              MirrorGap.getClassSchema(),
              Alert.getClassSchema(),
              YearValues.getClassSchema(),
              SeriesActivity.getClassSchema(),
              RevisionState.getClassSchema(),
              PeriodCell.getClassSchema(),
              SeriesYearLedger.getClassSchema(),
              TargetInput.getClassSchema(),
              FdiSeriesState.getClassSchema(),
              Release.getClassSchema(),
              LedgerInput.getClassSchema()));

  public static final AvroSerde<TradeRecord> TRADE_RECORD =
      avro(TradeRecord.class, TradeRecord.getClassSchema());
  public static final AvroSerde<FdiRecord> FDI_RECORD =
      avro(FdiRecord.class, FdiRecord.getClassSchema());
  public static final AvroSerde<TargetDefinition> TARGET_DEFINITION =
      avro(TargetDefinition.class, TargetDefinition.getClassSchema());
  public static final AvroSerde<TradeMonthly> TRADE_MONTHLY =
      avro(TradeMonthly.class, TradeMonthly.getClassSchema());
  public static final AvroSerde<TradeAnnual> TRADE_ANNUAL =
      avro(TradeAnnual.class, TradeAnnual.getClassSchema());
  public static final AvroSerde<TargetProgress> TARGET_PROGRESS =
      avro(TargetProgress.class, TargetProgress.getClassSchema());
  public static final AvroSerde<FdiAnnual> FDI_ANNUAL =
      avro(FdiAnnual.class, FdiAnnual.getClassSchema());
  public static final AvroSerde<Revision> REVISION =
      avro(Revision.class, Revision.getClassSchema());
  public static final AvroSerde<MirrorGap> MIRROR_GAP =
      avro(MirrorGap.class, MirrorGap.getClassSchema());
  public static final AvroSerde<Alert> ALERT = avro(Alert.class, Alert.getClassSchema());

  // Internal: state stores and repartition topics of the topology.
  public static final AvroSerde<RevisionState> REVISION_STATE =
      avro(RevisionState.class, RevisionState.getClassSchema());
  public static final AvroSerde<PeriodCell> PERIOD_CELL =
      avro(PeriodCell.class, PeriodCell.getClassSchema());
  public static final AvroSerde<SeriesYearLedger> SERIES_YEAR_LEDGER =
      avro(SeriesYearLedger.class, SeriesYearLedger.getClassSchema());
  public static final AvroSerde<Release> RELEASE = avro(Release.class, Release.getClassSchema());
  public static final AvroSerde<LedgerInput> LEDGER_INPUT =
      avro(LedgerInput.class, LedgerInput.getClassSchema());

  /**
   * No longer written: targets now travel in {@link LedgerInput}. Kept, like every published
   * schema, so that records of older versions on the topics stay readable.
   */
  public static final AvroSerde<TargetInput> TARGET_INPUT =
      avro(TargetInput.class, TargetInput.getClassSchema());

  public static final AvroSerde<FdiSeriesState> FDI_SERIES_STATE =
      avro(FdiSeriesState.class, FdiSeriesState.getClassSchema());
  public static final AvroSerde<YearValues> YEAR_VALUES =
      avro(YearValues.class, YearValues.getClassSchema());
  public static final AvroSerde<SeriesActivity> SERIES_ACTIVITY =
      avro(SeriesActivity.class, SeriesActivity.getClassSchema());

  public static final Serde<String> STRING = org.apache.kafka.common.serialization.Serdes.String();
  public static final Serde<byte[]> BYTES =
      org.apache.kafka.common.serialization.Serdes.ByteArray();

  private Serdes() {}

  /** The schema history every decoder resolves writer schemas against. */
  public static SchemaHistory history() {
    return HISTORY;
  }

  private static <T extends SpecificRecord> AvroSerde<T> avro(Class<T> type, Schema schema) {
    return new AvroSerde<>(type, schema, HISTORY);
  }
}
