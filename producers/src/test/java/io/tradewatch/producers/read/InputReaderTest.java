package io.tradewatch.producers.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Frequency;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.RecordChecks;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputReaderTest {
  private static final String TRADE_HEADER =
      "source,reporter,partner,flow,period,hs_code,value_usd,net_weight_kg,quantity,quantity_unit,revision\n";
  private final InputReader reader =
      new InputReader(
          new RecordChecks(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC)));

  @TempDir Path dir;

  private List<Row> read(String name, String content, InputFormat format) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    List<Row> rows = new ArrayList<>();
    reader.read(file, format, ReaderOptions.defaults(), rows::add);
    return rows;
  }

  @Test
  void readsTradeRowsIntoExactRecordsWithKeysAndLevels() throws IOException {
    List<Row> rows =
        read(
            "trade.csv",
            TRADE_HEADER
                + "KZ-BNS,KAZ,ARM,X,2023-07,0806,1234.5,100.25,,,2\n"
                + "KZ-BNS,KAZ,ARM,M,2023,TOTAL,19800000.00,,,,\n",
            InputFormat.TRADE);

    assertThat(rows).allSatisfy(r -> assertThat(r).isInstanceOf(Row.Accepted.class));
    TradeRecord monthly = (TradeRecord) ((Row.Accepted) rows.get(0)).record();
    assertThat(monthly.getValueUsd()).isEqualTo(new BigDecimal("1234.50"));
    assertThat(monthly.getHsCode()).isEqualTo("0806");
    assertThat(monthly.getHsLevel()).isEqualTo(4);
    assertThat(monthly.getMonth()).isEqualTo(7);
    assertThat(monthly.getRevision()).isEqualTo(2);
    assertThat(monthly.getNetWeightKg()).isEqualTo(new BigDecimal("100.250"));
    assertThat(monthly.getRecordKey()).isEqualTo("KZ-BNS|KAZ|ARM|X|2023-07|0806");
    TradeRecord annual = (TradeRecord) ((Row.Accepted) rows.get(1)).record();
    assertThat(annual.getFrequency()).isEqualTo(Frequency.A);
    assertThat(annual.getMonth()).isNull();
    assertThat(annual.getHsLevel()).isZero();
    assertThat(annual.getRevision()).isEqualTo(1);
  }

  @Test
  void rejectsBadRowsWithLineAndReasonAndKeepsTheGoodOnes() throws IOException {
    List<Row> rows =
        read(
            "bad.csv",
            TRADE_HEADER
                + "KZ-BNS,KAZ,ARM,X,2023-01,0806,12x,,,,\n"
                + "KZ-BNS,KAZ,XXX,X,2023-01,0806,1.00,,,,\n"
                + "KZ-BNS,KAZ,ARM,X,2031-01,0806,1.00,,,,\n"
                + "KZ-BNS,KAZ,ARM,X,2023-01,0806,1.234,,,,\n"
                + "KZ-BNS,KAZ,ARM,ZZ,2023-01,0806,1.00,,,,\n"
                + "KZ-BNS,KAZ,ARM,X,2023-01,0806,-5.00,,,,\n"
                + "KZ-BNS,KAZ,ARM,X,2023-13,0806,1.00,,,,\n"
                + "KZ-BNS,KAZ,ARM,X,2023-01,806,1.00,,,,\n"
                + "KZ-BNS,KAZ,ARM,X,2023-01,0806,7.00,,,,\n",
            InputFormat.TRADE);

    List<Rejection> rejections =
        rows.stream()
            .filter(Row.Rejected.class::isInstance)
            .map(r -> ((Row.Rejected) r).rejection())
            .toList();
    assertThat(rejections)
        .extracting(Rejection::line)
        .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(rejections).allSatisfy(r -> assertThat(r.file()).isEqualTo("bad.csv"));
    assertThat(rejections.get(0).reason()).contains("value_usd").contains("12x");
    assertThat(rejections.get(1).reason()).contains("partner").contains("XXX");
    assertThat(rejections.get(2).reason()).contains("future");
    assertThat(rejections.get(3).reason()).contains("fractions of a cent");
    assertThat(rejections.get(4).reason()).contains("flow").contains("ZZ");
    assertThat(rejections.get(5).reason()).contains("negative");
    assertThat(rejections.get(6).reason()).contains("period").contains("2023-13");
    assertThat(rejections.get(7).reason()).contains("806");
    assertThat(rows.get(8)).isInstanceOf(Row.Accepted.class);
  }

  @Test
  void refusesAFileWithoutARequiredColumn() throws IOException {
    Path file = dir.resolve("short.csv");
    Files.writeString(file, "source,reporter,partner,flow,period,value_usd\n");

    assertThatThrownBy(
            () -> reader.read(file, InputFormat.TRADE, ReaderOptions.defaults(), r -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("short.csv")
        .hasMessageContaining("hs_code");
  }

  @Test
  void readsTargetsWithTheirProductList() throws IOException {
    List<Row> rows =
        read(
            "targets.csv",
            "target_id,name,source,reporter,partner,flow,hs_codes,target_usd,base_year,deadline_year,revision\n"
                + "KZ-ARM-70,Export list,KZ-BNS,KAZ,ARM,X,7202 2710 0402,350000000.00,2023,,1\n",
            InputFormat.TARGETS);

    TargetDefinition target = (TargetDefinition) ((Row.Accepted) rows.get(0)).record();
    assertThat(target.getHsCodes()).containsExactly("7202", "2710", "0402");
    assertThat(target.getDeadlineYear()).isNull();
    assertThat(target.getFlow()).isEqualTo(Flow.X);
  }

  @Test
  void readsFdiAnnualAndQuarterlyRows() throws IOException {
    List<Row> rows =
        read(
            "fdi.csv",
            "source,reporter,counterpart,direction,measure,period,value_usd,revision\n"
                + "KZ-NBK,KAZ,ARM,INWARD,GROSS_INFLOW,2023,6000000.00,1\n"
                + "KZ-NBK,KAZ,ARM,OUTWARD,NET_FLOW,2023-Q2,-150000.00,1\n"
                + "KZ-NBK,KAZ,ARM,INWARD,GROSS_INFLOW,2023-Q2,-1.00,1\n",
            InputFormat.FDI);

    assertThat(rows.get(0)).isInstanceOf(Row.Accepted.class);
    assertThat(rows.get(1)).as("net flows may be negative").isInstanceOf(Row.Accepted.class);
    assertThat(((Row.Rejected) rows.get(2)).rejection().reason()).contains("NET_FLOW");
  }

  @Test
  void detectsTheFormatFromTheHeader() throws IOException {
    Path trade = dir.resolve("t.csv");
    Files.writeString(trade, TRADE_HEADER);
    Path comtrade = dir.resolve("c.csv");
    Files.writeString(
        comtrade,
        "typeCode,freqCode,refYear,refMonth,reporterISO,flowCode,partnerISO,cmdCode,primaryValue\n");

    assertThat(InputFormat.detect(trade)).isEqualTo(InputFormat.TRADE);
    assertThat(InputFormat.detect(comtrade)).isEqualTo(InputFormat.COMTRADE);
  }
}
