package io.tradewatch.producers.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Flow;
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
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComtradeCsvTest {
  private final InputReader reader =
      new InputReader(
          new RecordChecks(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC)));

  @TempDir Path dir;

  private List<Row> read(String content, ReaderOptions options) throws IOException {
    Path file = dir.resolve("comtrade.csv");
    Files.writeString(file, content);
    List<Row> rows = new ArrayList<>();
    reader.read(file, InputFormat.COMTRADE, options, rows::add);
    return rows;
  }

  @Test
  void readsMonthlyAndAnnualRowsInAnyColumnOrderIgnoringExtraColumns() throws IOException {
    List<Row> rows =
        read(
            "primaryValue,cmdCode,partnerISO,reporterISO,flowCode,freqCode,refYear,refMonth,period,isReported\n"
                + "1500.499,0806,ARM,KAZ,X,M,2023,7,202307,true\n"
                + "33300000,TOTAL,ARM,KAZ,X,A,2023,52,2023,true\n"
                + "100,2402,ARM,KAZ,RX,A,2022,99,2022,true\n",
            ReaderOptions.defaults());

    TradeRecord monthly = (TradeRecord) ((Row.Accepted) rows.get(0)).record();
    assertThat(monthly.getMonth()).isEqualTo(7);
    assertThat(monthly.getHsCode()).isEqualTo("0806");
    assertThat(monthly.getValueUsd()).isEqualTo(new BigDecimal("1500.50"));
    assertThat(monthly.getSource()).isEqualTo("UNCOMTRADE-KAZ");
    TradeRecord annual = (TradeRecord) ((Row.Accepted) rows.get(1)).record();
    assertThat(annual.getMonth()).isNull();
    assertThat(annual.getHsLevel()).isZero();
    assertThat(((TradeRecord) ((Row.Accepted) rows.get(2)).record()).getFlow()).isEqualTo(Flow.RX);
  }

  @Test
  void skipsBreakdownAndWorldRowsAndCountsWhy() throws IOException {
    List<Row> rows =
        read(
            "reporterISO,partnerISO,partnerCode,partner2Code,customsCode,motCode,flowCode,freqCode,refYear,refMonth,cmdCode,primaryValue\n"
                + "KAZ,ARM,51,0,C00,0,X,A,2023,52,TOTAL,10\n"
                + "KAZ,ARM,51,0,C01,0,X,A,2023,52,TOTAL,10\n"
                + "KAZ,ARM,51,0,C00,1000,X,A,2023,52,TOTAL,10\n"
                + "KAZ,ARM,51,398,C00,0,X,A,2023,52,TOTAL,10\n"
                + "KAZ,W00,0,0,C00,0,X,A,2023,52,TOTAL,10\n",
            ReaderOptions.defaults());

    Map<String, Long> skipped = new TreeMap<>();
    rows.stream()
        .filter(Row.Skipped.class::isInstance)
        .forEach(r -> skipped.merge(((Row.Skipped) r).reason(), 1L, Long::sum));
    assertThat(rows.get(0)).isInstanceOf(Row.Accepted.class);
    assertThat(skipped.keySet())
        .anySatisfy(k -> assertThat(k).contains("customsCode C01"))
        .anySatisfy(k -> assertThat(k).contains("motCode 1000"))
        .anySatisfy(k -> assertThat(k).contains("partner2Code 398"))
        .anySatisfy(k -> assertThat(k).contains("World"));
  }

  @Test
  void keepsWorldRowsWhenAskedAndUsesTheGivenSource() throws IOException {
    List<Row> rows =
        read(
            "reporterISO,partnerISO,flowCode,refYear,refMonth,cmdCode,primaryValue\n"
                + "KAZ,W00,M,2023,52,TOTAL,10\n",
            new ReaderOptions(true, "KZ-COMTRADE"));

    TradeRecord world = (TradeRecord) ((Row.Accepted) rows.get(0)).record();
    assertThat(world.getPartner()).isEqualTo("W00");
    assertThat(world.getSource()).isEqualTo("KZ-COMTRADE");
  }

  @Test
  void rejectsAnHsCodeThatLostItsLeadingZero() throws IOException {
    List<Row> rows =
        read(
            "reporterISO,partnerISO,flowCode,refYear,refMonth,cmdCode,primaryValue\n"
                + "KAZ,ARM,X,2023,1,806,10\n",
            ReaderOptions.defaults());

    assertThat(((Row.Rejected) rows.get(0)).rejection().reason()).contains("806");
  }
}
