package io.tradewatch.producers.read;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.RecordChecks;
import io.tradewatch.schemas.TradeFigures;
import java.util.List;
import java.util.Optional;

/**
 * Our trade format: {@code
 * source,reporter,partner,flow,period,hs_code,value_usd,net_weight_kg,quantity,quantity_unit,revision}.
 * Period {@code YYYY} (annual) or {@code YYYY-MM}; {@code hs_code} TOTAL or 2, 4 or 6 digits;
 * {@code value_usd} exact to the cent (more decimals are rejected, never rounded); weights and
 * quantities to three decimals; revision defaults to 1.
 */
public final class TradeCsvReader extends CsvRecordReader<TradeRecord> {
  static final List<String> COLUMNS =
      List.of("source", "reporter", "partner", "flow", "period", "hs_code", "value_usd");

  private final RecordChecks checks;

  public TradeCsvReader(RecordChecks checks) {
    this.checks = checks;
  }

  @Override
  public InputFormat format() {
    return InputFormat.TRADE;
  }

  @Override
  public List<String> requiredColumns() {
    return COLUMNS;
  }

  @Override
  Optional<String> check(TradeRecord record) {
    return checks.check(record);
  }

  @Override
  TradeRecord map(Fields row) {
    String source = row.required("source");
    String reporter = row.required("reporter");
    String partner = row.required("partner");
    Flow flow = row.symbol("flow", Flow.class);
    Periods.Period period = Periods.monthly("period", row.required("period"));
    String hs = row.required("hs_code");
    Integer revision = row.optionalInteger("revision");
    String unit = row.optional("quantity_unit");
    return TradeFigures.of(
            new TradeFigures.Cell(
                source, reporter, partner, flow, period.year(), period.part(), hs))
        .setRevision(revision == null ? 1 : revision)
        .setValueUsd(row.usd("value_usd"))
        .setNetWeightKg(row.optionalQuantity("net_weight_kg"))
        .setQuantity(row.optionalQuantity("quantity"))
        .setQuantityUnit(unit.isEmpty() ? null : unit)
        .build();
  }
}
