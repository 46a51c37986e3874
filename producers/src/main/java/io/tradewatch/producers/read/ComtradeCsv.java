package io.tradewatch.producers.read;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Frequency;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.RecordChecks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * UN Comtrade's CSV (API v1 and bulk files), by header name in any column order.
 *
 * <ul>
 *   <li>Annual rows: {@code freqCode} A, or {@code refMonth} 52 or 99; monthly rows take the month
 *       from {@code refMonth} or from {@code period} (YYYYMM).
 *   <li>Breakdown rows would double count the totals: rows with {@code customsCode} other than C00,
 *       {@code motCode} other than 0 or {@code partner2Code} other than 0 are skipped, as are rows
 *       whose partner is the World (W00 / code 0) unless asked for.
 *   <li>{@code primaryValue} (CIF where reported, else FOB) is the value; amounts with fractions of
 *       a cent are rounded half-even to the cent, the one place tradewatch rounds money, because
 *       Comtrade's estimates carry them.
 *   <li>The reporting source is {@code UNCOMTRADE-<reporterISO>} unless one is given.
 * </ul>
 */
final class ComtradeCsv implements RowMapper {
  static final List<String> COLUMNS =
      List.of("reporterISO", "partnerISO", "flowCode", "refYear", "cmdCode", "primaryValue");
  private static final String SOURCE_PREFIX = "UNCOMTRADE-";

  private final boolean includeWorld;
  private final String source;
  private String skipReason;

  ComtradeCsv(ReaderOptions options) {
    this.includeWorld = options.includeWorld();
    this.source = options.source();
  }

  @Override
  public List<String> requiredColumns() {
    return COLUMNS;
  }

  @Override
  public String skipReason() {
    return skipReason;
  }

  @Override
  public SpecificRecord map(Fields row) {
    String customs = row.optional("customsCode");
    if (!customs.isEmpty() && !customs.equals("C00")) {
      return skip("customsCode " + customs + " (breakdown by customs procedure)");
    }
    String mot = row.optional("motCode");
    if (!mot.isEmpty() && !mot.equals("0")) {
      return skip("motCode " + mot + " (breakdown by mode of transport)");
    }
    String partner2 = row.optional("partner2Code");
    if (!partner2.isEmpty() && !partner2.equals("0")) {
      return skip("partner2Code " + partner2 + " (breakdown by second partner)");
    }
    String partner = row.required("partnerISO");
    if (!includeWorld
        && (partner.equals(RecordChecks.WORLD) || row.optional("partnerCode").equals("0"))) {
      return skip("partner World (W00) aggregate");
    }
    String reporter = row.required("reporterISO");
    Flow flow = row.symbol("flowCode", Flow.class);
    int year = row.integer("refYear");
    Integer month = month(row);
    String hs = row.required("cmdCode");
    String recordSource = source != null ? source : SOURCE_PREFIX + reporter;
    BigDecimal value =
        Fields.decimal("primaryValue", row.required("primaryValue"))
            .setScale(2, RoundingMode.HALF_EVEN);
    return TradeRecord.newBuilder()
        .setRecordKey(
            Keys.tradeRecordKey(recordSource, reporter, partner, flow.name(), year, month, hs))
        .setRevision(1)
        .setSource(recordSource)
        .setReporter(reporter)
        .setPartner(partner)
        .setFlow(flow)
        .setFrequency(month == null ? Frequency.A : Frequency.M)
        .setYear(year)
        .setMonth(month)
        .setHsCode(hs)
        .setHsLevel(TradeCsv.hsLevel(hs))
        .setValueUsd(value)
        .setNetWeightKg(measured(row, "netWgt"))
        .setQuantity(measured(row, "qty"))
        .setQuantityUnit(row.optional("qtyUnitAbbr").isEmpty() ? null : row.optional("qtyUnitAbbr"))
        .build();
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
      return Integer.parseInt(period.substring(4));
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

  private SpecificRecord skip(String reason) {
    skipReason = reason;
    return null;
  }
}
