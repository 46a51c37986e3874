package io.tradewatch.producers.read;

import io.tradewatch.avro.FdiDirection;
import io.tradewatch.avro.FdiMeasure;
import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.Frequency;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.RecordChecks;
import java.util.List;
import java.util.Optional;

/**
 * Our FDI format: {@code source,reporter,counterpart,direction,measure,period,value_usd,revision}.
 * Period {@code YYYY} or {@code YYYY-Qn}; direction INWARD or OUTWARD; measure GROSS_INFLOW,
 * NET_FLOW (the only one that may be negative) or POSITION; revision defaults to 1.
 */
public final class FdiCsvReader extends CsvRecordReader<FdiRecord> {
  static final List<String> COLUMNS =
      List.of("source", "reporter", "counterpart", "direction", "measure", "period", "value_usd");

  private final RecordChecks checks;

  public FdiCsvReader(RecordChecks checks) {
    this.checks = checks;
  }

  @Override
  public InputFormat format() {
    return InputFormat.FDI;
  }

  @Override
  public List<String> requiredColumns() {
    return COLUMNS;
  }

  @Override
  Optional<String> check(FdiRecord record) {
    return checks.check(record);
  }

  @Override
  FdiRecord map(Fields row) {
    String source = row.required("source");
    String reporter = row.required("reporter");
    String counterpart = row.required("counterpart");
    FdiDirection direction = row.symbol("direction", FdiDirection.class);
    FdiMeasure measure = row.symbol("measure", FdiMeasure.class);
    Periods.Period period = Periods.quarterly("period", row.required("period"));
    Integer revision = row.optionalInteger("revision");
    return FdiRecord.newBuilder()
        .setRecordKey(
            Keys.fdiRecordKey(
                source,
                reporter,
                counterpart,
                direction.name(),
                measure.name(),
                period.year(),
                period.part()))
        .setRevision(revision == null ? 1 : revision)
        .setSource(source)
        .setReporter(reporter)
        .setCounterpart(counterpart)
        .setDirection(direction)
        .setMeasure(measure)
        .setFrequency(period.part() == null ? Frequency.A : Frequency.Q)
        .setYear(period.year())
        .setQuarter(period.part())
        .setValueUsd(row.usd("value_usd"))
        .build();
  }
}
