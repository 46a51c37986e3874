package io.tradewatch.producers.read;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.RecordChecks;
import io.tradewatch.schemas.TradeFigures;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * UN Comtrade's CSV (API v1 and bulk files), by header name in any column order.
 *
 * <ul>
 *   <li>The year comes from {@code refYear}, else from {@code period}. Annual rows: {@code
 *       freqCode} A, or {@code refMonth} 52 or 99; monthly rows take the month from {@code
 *       refMonth} or from {@code period} (YYYYMM).
 *   <li>{@code cmdCode} is kept as text: TOTAL or 2, 4 or 6 digits, leading zeros included.
 *   <li>Breakdown rows would double count the totals: rows with {@code customsCode} other than C00,
 *       {@code motCode} other than 0 or {@code partner2Code} other than 0 are skipped, as are rows
 *       whose partner is the World (W00 / code 0) unless asked for. Skips are counted by reason.
 *   <li>{@code primaryValue} (CIF where reported, else FOB) is the value; amounts with fractions of
 *       a cent are rounded half-even to the cent, the one place tradewatch rounds money, because
 *       Comtrade's estimates carry them. Weights and quantities likewise to three decimals.
 *   <li>The reporting source is {@code UNCOMTRADE-<reporterISO>} unless one is given; revision 1.
 * </ul>
 */
public final class ComtradeCsvReader extends CsvRecordReader<TradeRecord> {
  static final List<String> COLUMNS =
      List.of("reporterISO", "partnerISO", "flowCode", "cmdCode", "primaryValue");
  private static final String SOURCE_PREFIX = "UNCOMTRADE-";

  private final RecordChecks checks;
  private final boolean includeWorld;
  private final String source;

  public ComtradeCsvReader(RecordChecks checks, ReaderOptions options) {
    this.checks = checks;
    this.includeWorld = options.includeWorld();
    this.source = options.source();
  }

  @Override
  public InputFormat format() {
    return InputFormat.COMTRADE;
  }

  @Override
  public List<String> requiredColumns() {
    return COLUMNS;
  }

  @Override
  void checkHeader(String name, List<String> header) throws IOException {
    if (!header.contains("refYear") && !header.contains("period")) {
      throw new IOException(
          name + ": column 'refYear' (or 'period') is missing for format COMTRADE");
    }
  }

  @Override
  Optional<String> check(TradeRecord record) {
    return checks.check(record);
  }

  @Override
  TradeRecord map(Fields row) {
    String customs = row.optional("customsCode");
    if (!customs.isEmpty() && !customs.equals("C00")) {
      throw new RowSkipped("customsCode " + customs + " (breakdown by customs procedure)");
    }
    String mot = row.optional("motCode");
    if (!mot.isEmpty() && !mot.equals("0")) {
      throw new RowSkipped("motCode " + mot + " (breakdown by mode of transport)");
    }
    String partner2 = row.optional("partner2Code");
    if (!partner2.isEmpty() && !partner2.equals("0")) {
      throw new RowSkipped("partner2Code " + partner2 + " (breakdown by second partner)");
    }
    String partner = row.required("partnerISO");
    if (!includeWorld
        && (partner.equals(RecordChecks.WORLD) || row.optional("partnerCode").equals("0"))) {
      throw new RowSkipped("partner World (W00) aggregate");
    }
    String reporter = row.required("reporterISO");
    Flow flow = row.symbol("flowCode", Flow.class);
    int year = year(row);
    Integer month = month(row);
    String hs = row.required("cmdCode");
    String recordSource = source != null ? source : SOURCE_PREFIX + reporter;
    BigDecimal value =
        Fields.decimal("primaryValue", row.required("primaryValue"))
            .setScale(2, RoundingMode.HALF_EVEN);
    String unit = row.optional("qtyUnitAbbr");
    return TradeFigures.of(
            new TradeFigures.Cell(recordSource, reporter, partner, flow, year, month, hs))
        .setValueUsd(value)
        .setNetWeightKg(measured(row, "netWgt"))
        .setQuantity(measured(row, "qty"))
        .setQuantityUnit(unit.isEmpty() ? null : unit)
        .build();
  }

  private static int year(Fields row) {
    if (!row.optional("refYear").isEmpty()) {
      return row.integer("refYear");
    }
    String period = row.required("period");
    if (!period.matches("\\d{4}(\\d{2})?")) {
      throw new RowException("period '" + period + "' is not YYYY or YYYYMM");
    }
    return Integer.parseInt(period.substring(0, 4));
  }

  private static Integer month(Fields row) {
    String freq = row.optional("freqCode");
    Integer refMonth = row.optionalInteger("refMonth");
    if (freq.equals("A") || (refMonth != null && (refMonth == 52 || refMonth == 99))) {
      return null;
    }
    if (refMonth != null) {
      if (refMonth < 1 || refMonth > 12) {
        throw new RowException("refMonth " + refMonth + " is not 1-12, 52 or 99");
      }
      return refMonth;
    }
    String period = row.optional("period");
    if (period.matches("\\d{6}")) {
      int month = Integer.parseInt(period.substring(4));
      if (month < 1 || month > 12) {
        throw new RowException("period '" + period + "' has no month 1-12");
      }
      return month;
    }
    if (freq.equals("M")) {
      throw new RowException("monthly row without refMonth or a YYYYMM period");
    }
    return null;
  }

  /** Comtrade quantities are estimates with any precision; kept to three decimals. */
  private static BigDecimal measured(Fields row, String column) {
    String raw = row.optional(column);
    return raw.isEmpty() ? null : Fields.decimal(column, raw).setScale(3, RoundingMode.HALF_EVEN);
  }
}
