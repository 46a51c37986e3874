package io.tradewatch.schemas;

import io.tradewatch.avro.internal.HsValue;
import io.tradewatch.avro.internal.PeriodCell;
import io.tradewatch.avro.internal.SeriesYearLedger;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;

/**
 * The {@link DirectCodec}s of the ledger's two state values, written at every commit for every cell
 * and series-year that changed: a period cell (a pair, flow and period's HS codes, each with two
 * decimals) and a series-year ledger (two arrays of twelve decimals). Field order and types follow
 * {@code 31_PeriodCell.avsc} and {@code 32_SeriesYearLedger.avsc}; a schema change that these
 * codecs do not follow fails {@code AvroSerdeTest}, which compares their bytes with Avro's.
 */
final class StateCodecs {
  private StateCodecs() {}

  static final DirectCodec<PeriodCell> PERIOD_CELL = new PeriodCellCodec();
  static final DirectCodec<SeriesYearLedger> SERIES_YEAR_LEDGER = new LedgerCodec();

  private static Schema field(Schema record, String name) {
    Schema.Field field = record.getField(name);
    if (field == null) {
      throw new IllegalStateException(record.getFullName() + " has no field " + name);
    }
    return field.schema();
  }

  /**
   * entries: array of {hsCode string, valueUsd decimal, revision int, firstRevision int,
   * firstValueUsd nullable decimal}.
   */
  private static final class PeriodCellCodec implements DirectCodec<PeriodCell> {
    private final DirectCodec.Decimal value;
    private final DirectCodec.Decimal firstValue;

    PeriodCellCodec() {
      Schema entry = HsValue.getClassSchema();
      this.value = new DirectCodec.Decimal(field(entry, "valueUsd"));
      this.firstValue = new DirectCodec.Decimal(field(entry, "firstValueUsd"));
    }

    @Override
    public void write(PeriodCell cell, BinaryEncoder out) throws IOException {
      List<HsValue> entries = cell.getEntries();
      out.writeArrayStart();
      out.setItemCount(entries.size());
      for (HsValue e : entries) {
        out.startItem();
        out.writeString(e.getHsCode());
        value.write(e.getValueUsd(), out);
        out.writeInt(e.getRevision());
        out.writeInt(e.getFirstRevision());
        firstValue.writeNullable(e.getFirstValueUsd(), out);
      }
      out.writeArrayEnd();
    }

    @Override
    public PeriodCell read(BinaryDecoder in) throws IOException {
      List<HsValue> entries = new ArrayList<>();
      for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
        for (long i = 0; i < n; i++) {
          String hsCode = in.readString();
          BigDecimal valueUsd = value.read(in);
          int revision = in.readInt();
          int firstRevision = in.readInt();
          entries.add(
              new HsValue(hsCode, valueUsd, revision, firstRevision, firstValue.readNullable(in)));
        }
      }
      return new PeriodCell(entries);
    }
  }

  /**
   * Monthly exports and imports (arrays of decimals), their month masks, nullable annual values.
   */
  private static final class LedgerCodec implements DirectCodec<SeriesYearLedger> {
    private final DirectCodec.Decimal exportsMonth;
    private final DirectCodec.Decimal importsMonth;
    private final DirectCodec.Decimal exportsAnnual;
    private final DirectCodec.Decimal importsAnnual;

    LedgerCodec() {
      Schema ledger = SeriesYearLedger.getClassSchema();
      this.exportsMonth = new DirectCodec.Decimal(field(ledger, "exportsMonthly").getElementType());
      this.importsMonth = new DirectCodec.Decimal(field(ledger, "importsMonthly").getElementType());
      this.exportsAnnual = new DirectCodec.Decimal(field(ledger, "exportsAnnual"));
      this.importsAnnual = new DirectCodec.Decimal(field(ledger, "importsAnnual"));
    }

    @Override
    public void write(SeriesYearLedger ledger, BinaryEncoder out) throws IOException {
      writeMonths(ledger.getExportsMonthly(), exportsMonth, out);
      writeMonths(ledger.getImportsMonthly(), importsMonth, out);
      out.writeInt(ledger.getExportsMonthMask());
      out.writeInt(ledger.getImportsMonthMask());
      exportsAnnual.writeNullable(ledger.getExportsAnnual(), out);
      importsAnnual.writeNullable(ledger.getImportsAnnual(), out);
    }

    @Override
    public SeriesYearLedger read(BinaryDecoder in) throws IOException {
      List<BigDecimal> exports = readMonths(exportsMonth, in);
      List<BigDecimal> imports = readMonths(importsMonth, in);
      int exportsMask = in.readInt();
      int importsMask = in.readInt();
      return new SeriesYearLedger(
          exports,
          imports,
          exportsMask,
          importsMask,
          exportsAnnual.readNullable(in),
          importsAnnual.readNullable(in));
    }

    private static void writeMonths(
        List<BigDecimal> months, DirectCodec.Decimal decimal, BinaryEncoder out)
        throws IOException {
      out.writeArrayStart();
      out.setItemCount(months.size());
      for (BigDecimal month : months) {
        out.startItem();
        decimal.write(month, out);
      }
      out.writeArrayEnd();
    }

    private static List<BigDecimal> readMonths(DirectCodec.Decimal decimal, BinaryDecoder in)
        throws IOException {
      List<BigDecimal> months = new ArrayList<>(12);
      for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
        for (long i = 0; i < n; i++) {
          months.add(decimal.read(in));
        }
      }
      return months;
    }
  }
}
