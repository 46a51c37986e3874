package io.tradewatch.producers.read;

import static io.tradewatch.producers.read.ReaderTestSupport.CHECKS;
import static io.tradewatch.producers.read.ReaderTestSupport.accepted;
import static io.tradewatch.producers.read.ReaderTestSupport.readAll;
import static io.tradewatch.producers.read.ReaderTestSupport.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Frequency;
import io.tradewatch.avro.TradeRecord;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ComtradeCsvReaderTest {
  private static final String BREAKDOWN_HEADER =
      "reporterISO,partnerISO,partnerCode,partner2Code,customsCode,motCode,flowCode,freqCode,refYear,refMonth,cmdCode,primaryValue\n";
  private final ComtradeCsvReader reader = new ComtradeCsvReader(CHECKS, ReaderOptions.defaults());

  @Test
  void readsMonthlyAndAnnualRowsInAnyColumnOrderIgnoringExtraColumns() throws IOException {
    List<Parsed<TradeRecord>> rows =
        readAll(
            reader,
            "comtrade.csv",
            "primaryValue,cmdCode,partnerISO,reporterISO,flowCode,freqCode,refYear,refMonth,period,isReported,netWgt,qty,qtyUnitAbbr\n"
                + "1500.499,0806,ARM,KAZ,X,M,2023,7,202307,true,12.3456,,\n"
                + "33300000,TOTAL,ARM,KAZ,X,A,2023,52,2023,true,,,\n"
                + "100,2402,ARM,KAZ,RX,A,2022,99,2022,true,,5,kg\n");

    TradeRecord monthly = accepted(rows.get(0));
    assertThat(monthly.getMonth()).isEqualTo(7);
    assertThat(monthly.getFrequency()).isEqualTo(Frequency.M);
    assertThat(monthly.getHsCode()).isEqualTo("0806");
    assertThat(monthly.getHsLevel()).isEqualTo(4);
    assertThat(monthly.getValueUsd()).isEqualTo(new BigDecimal("1500.50"));
    assertThat(monthly.getNetWeightKg()).isEqualTo(new BigDecimal("12.346"));
    assertThat(monthly.getSource()).isEqualTo("UNCOMTRADE-KAZ");
    assertThat(monthly.getRevision()).isEqualTo(1);
    assertThat(monthly.getRecordKey()).isEqualTo("UNCOMTRADE-KAZ|KAZ|ARM|X|2023-07|0806");
    TradeRecord annual = accepted(rows.get(1));
    assertThat(annual.getMonth()).isNull();
    assertThat(annual.getHsLevel()).isZero();
    TradeRecord reExport = accepted(rows.get(2));
    assertThat(reExport.getFlow()).isEqualTo(Flow.RX);
    assertThat(reExport.getMonth()).as("refMonth 99 is annual").isNull();
    assertThat(reExport.getQuantityUnit()).isEqualTo("kg");
  }

  @Test
  void skipsBreakdownAndWorldRowsAndCountsThemByReason() throws IOException {
    List<Parsed<TradeRecord>> rows =
        readAll(
            reader,
            "comtrade.csv",
            BREAKDOWN_HEADER
                + "KAZ,ARM,51,0,C00,0,X,A,2023,52,TOTAL,10\n"
                + "KAZ,ARM,51,0,C01,0,X,A,2023,52,TOTAL,10\n"
                + "KAZ,ARM,51,0,C01,0,M,A,2023,52,TOTAL,10\n"
                + "KAZ,ARM,51,0,C00,1000,X,A,2023,52,TOTAL,10\n"
                + "KAZ,ARM,51,51,C00,0,X,A,2023,52,TOTAL,10\n"
                + "KAZ,W00,0,0,C00,0,X,A,2023,52,TOTAL,10\n");

    Map<String, Long> skipped = new TreeMap<>();
    rows.stream()
        .filter(Parsed.Skipped.class::isInstance)
        .forEach(r -> skipped.merge(((Parsed.Skipped<?>) r).reason(), 1L, Long::sum));
    assertThat(accepted(rows.get(0)).getPartner()).isEqualTo("ARM");
    assertThat(rows).filteredOn(Parsed.Rejected.class::isInstance).isEmpty();
    assertThat(skipped)
        .containsEntry("customsCode C01 (breakdown by customs procedure)", 2L)
        .containsEntry("motCode 1000 (breakdown by mode of transport)", 1L)
        .containsEntry("partner2Code 51 (breakdown by second partner)", 1L)
        .containsEntry("partner World (W00) aggregate", 1L)
        .hasSize(4);
  }

  @Test
  void keepsWorldRowsWhenAskedAndUsesTheGivenSource() throws IOException {
    ComtradeCsvReader withWorld =
        new ComtradeCsvReader(CHECKS, new ReaderOptions(true, "KZ-COMTRADE"));

    List<Parsed<TradeRecord>> rows =
        readAll(
            withWorld,
            "c.csv",
            "reporterISO,partnerISO,flowCode,refYear,refMonth,cmdCode,primaryValue\n"
                + "KAZ,W00,M,2023,52,TOTAL,10\n");

    TradeRecord world = accepted(rows.get(0));
    assertThat(world.getPartner()).isEqualTo("W00");
    assertThat(world.getSource()).isEqualTo("KZ-COMTRADE");
  }

  @Test
  void rejectsUnknownFlowsCountriesAndHsCodesThatLostTheirLeadingZero() throws IOException {
    List<Parsed<TradeRecord>> rows =
        readAll(
            reader,
            "c.csv",
            "reporterISO,partnerISO,flowCode,refYear,refMonth,cmdCode,primaryValue\n"
                + "KAZ,ARM,XX,2023,1,0806,10\n"
                + "KAZ,ARM,X,2023,1,806,10\n"
                + "KAZ,ZZZ,X,2023,1,0806,10\n"
                + "KAZ,ARM,X,2023,13,0806,10\n"
                + "KAZ,ARM,X,2023,1,0806,ten\n");

    assertThat(rejected(rows.get(0)).reason()).contains("flowCode 'XX'");
    assertThat(rejected(rows.get(1)).reason()).contains("'806'");
    assertThat(rejected(rows.get(2)).reason()).contains("partner 'ZZZ'");
    assertThat(rejected(rows.get(3)).reason()).contains("refMonth 13");
    assertThat(rejected(rows.get(4)).reason()).contains("primaryValue 'ten'");
  }

  @Test
  void takesYearAndMonthFromPeriodWhenThereIsNoRefYear() throws IOException {
    List<Parsed<TradeRecord>> rows =
        readAll(
            reader,
            "c.csv",
            "reporterISO,partnerISO,flowCode,period,cmdCode,primaryValue\n"
                + "KAZ,ARM,X,202403,TOTAL,10\n"
                + "KAZ,ARM,X,2023,TOTAL,10\n");

    assertThat(accepted(rows.get(0)).getYear()).isEqualTo(2024);
    assertThat(accepted(rows.get(0)).getMonth()).isEqualTo(3);
    assertThat(accepted(rows.get(1)).getMonth()).isNull();
  }

  @Test
  void refusesAFileWithoutAPeriodColumn() {
    assertThatThrownBy(
            () ->
                reader.open(
                    "c.csv",
                    new StringReader(
                        "reporterISO,partnerISO,flowCode,cmdCode,primaryValue\nKAZ,ARM,X,TOTAL,1\n")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("c.csv")
        .hasMessageContaining("refYear");
  }
}
