package io.tradewatch.schemas;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Frequency;
import io.tradewatch.avro.TradeRecord;
import java.util.Objects;

/**
 * The one place a {@link TradeRecord} is made from the fields that identify a figure: both CSV
 * readers and both synthetic generators start here, so the fields derived from the others (record
 * key, frequency, HS level) follow one rule everywhere.
 */
public final class TradeFigures {
  static {
    // Building a record needs Avro to trust the generated classes, also before any serde is used.
    Serdes.trustGeneratedClasses();
  }

  private TradeFigures() {}

  /**
   * Where a figure sits: who reports it (source and reporter), about which partner, flow and
   * product, for which year and month ({@code month} null: an annual figure).
   */
  public record Cell(
      String source,
      String reporter,
      String partner,
      Flow flow,
      int year,
      Integer month,
      String hsCode) {
    public Cell {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(reporter, "reporter");
      Objects.requireNonNull(partner, "partner");
      Objects.requireNonNull(flow, "flow");
      Objects.requireNonNull(hsCode, "hsCode");
    }

    /** The record key: source, reporter, partner, flow, period and HS code. */
    public String recordKey() {
      return Keys.tradeRecordKey(source, reporter, partner, flow.name(), year, month, hsCode);
    }
  }

  /**
   * A builder with the cell's fields and those derived from them set, at revision 1 and with no
   * weight or quantity; the caller sets the value (and a revision or measures it has).
   */
  public static TradeRecord.Builder of(Cell cell) {
    return TradeRecord.newBuilder()
        .setRecordKey(cell.recordKey())
        .setRevision(1)
        .setSource(cell.source())
        .setReporter(cell.reporter())
        .setPartner(cell.partner())
        .setFlow(cell.flow())
        .setFrequency(cell.month() == null ? Frequency.A : Frequency.M)
        .setYear(cell.year())
        .setMonth(cell.month())
        .setHsCode(cell.hsCode())
        .setHsLevel(hsLevel(cell.hsCode()))
        .setNetWeightKg(null)
        .setQuantity(null)
        .setQuantityUnit(null);
  }

  /** 0 for TOTAL, else the number of digits (2, 4 or 6; others fail the record checks). */
  public static int hsLevel(String hsCode) {
    return Keys.TOTAL.equals(hsCode) ? 0 : hsCode.length();
  }
}
