package io.tradewatch.bench;

import io.tradewatch.avro.TradeRecord;
import io.tradewatch.producers.synthetic.SyntheticTrade;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes synthetic records as the CSV files the producers read: our trade format and Comtrade. */
final class CsvFiles {
  static final String TRADE_HEADER =
      "source,reporter,partner,flow,period,hs_code,value_usd,net_weight_kg,quantity,quantity_unit,revision";

  /** UN Comtrade's columns in their published order (see FACTS.md). */
  static final String COMTRADE_HEADER =
      "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,"
          + "flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,"
          + "partner2Desc,classificationCode,classificationSearchCode,isOriginalClassification,"
          + "cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,"
          + "qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,"
          + "isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,isGrossWgtEstimated,cifvalue,"
          + "fobvalue,primaryValue,legacyEstimationFlag,isReported,isAggregate";

  private CsvFiles() {}

  static Path writeTrade(Path file, SyntheticTrade records) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(TRADE_HEADER);
      out.newLine();
      StringBuilder line = new StringBuilder(128);
      for (TradeRecord r : records) {
        line.setLength(0);
        line.append(r.getSource())
            .append(',')
            .append(r.getReporter())
            .append(',')
            .append(r.getPartner())
            .append(',')
            .append(r.getFlow())
            .append(',')
            .append(r.getYear());
        if (r.getMonth() != null) {
          line.append('-').append(r.getMonth() < 10 ? "0" : "").append(r.getMonth());
        }
        line.append(',')
            .append(r.getHsCode())
            .append(',')
            .append(r.getValueUsd().toPlainString())
            .append(",,,,")
            .append(r.getRevision());
        out.append(line);
        out.newLine();
      }
    }
    return file;
  }

  /**
   * Comtrade rows carry no revision: a revised figure appears as a second row with the same key
   * (the publisher does not care; only the topology would dead-letter it).
   */
  static Path writeComtrade(Path file, SyntheticTrade records) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(COMTRADE_HEADER);
      out.newLine();
      StringBuilder line = new StringBuilder(512);
      for (TradeRecord r : records) {
        boolean annual = r.getMonth() == null;
        int month = annual ? 1 : r.getMonth();
        String period =
            annual ? Integer.toString(r.getYear()) : String.format("%d%02d", r.getYear(), month);
        String hs = r.getHsCode();
        BigDecimal value = r.getValueUsd();
        line.setLength(0);
        line.append("C,")
            .append(annual ? "A" : "M")
            .append(',')
            .append(String.format("%d%02d01", r.getYear(), month))
            .append(',')
            .append(r.getYear())
            .append(',')
            .append(annual ? 52 : month)
            .append(',')
            .append(period)
            .append(',')
            .append(SyntheticTrade.reporterCode(r.getReporter()))
            .append(',')
            .append(r.getReporter())
            .append(",,")
            .append(r.getFlow())
            .append(",,")
            .append(SyntheticTrade.partnerCode(r.getPartner()))
            .append(',')
            .append(r.getPartner())
            .append(",,0,W00,World,H6,HS,false,")
            .append(hs)
            .append(",,")
            .append("TOTAL".equals(hs) ? 0 : hs.length())
            .append(
                ",false,C00,TOTAL CPC,0,0,TOTAL MOT,8,kg,1000.5,false,-1,N/A,0,false,1000.5,false,0,false,")
            .append(r.getFlow().name().endsWith("M") ? value.toPlainString() : "")
            .append(',')
            .append(r.getFlow().name().endsWith("X") ? value.toPlainString() : "")
            .append(',')
            .append(value.toPlainString())
            .append(",0,true,true");
        out.append(line);
        out.newLine();
      }
    }
    return file;
  }
}
