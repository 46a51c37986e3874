package io.tradewatch.producers.read;

import io.tradewatch.avro.FdiDirection;
import io.tradewatch.avro.FdiMeasure;
import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.Frequency;
import io.tradewatch.schemas.Keys;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Our FDI format: {@code source,reporter,counterpart,direction,measure,period,value_usd,revision}.
 * Period {@code YYYY} or {@code YYYY-Qn}.
 */
final class FdiCsv implements RowMapper {
  static final List<String> COLUMNS =
      List.of("source", "reporter", "counterpart", "direction", "measure", "period", "value_usd");

  @Override
  public List<String> requiredColumns() {
    return COLUMNS;
  }

  @Override
  public SpecificRecord map(Fields row) {
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
