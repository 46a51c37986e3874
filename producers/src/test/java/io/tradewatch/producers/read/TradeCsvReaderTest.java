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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradeCsvReaderTest {
  private static final String HEADER =
      "source,reporter,partner,flow,period,hs_code,value_usd,net_weight_kg,quantity,quantity_unit,revision\n";
  private final TradeCsvReader reader = new TradeCsvReader(CHECKS);

  @TempDir Path dir;

  @Test
  void readsColumnsInAnyOrderAndIgnoresUnknownColumns() throws IOException {
    List<Parsed<TradeRecord>> rows =
        readAll(
            reader,
            "trade.csv",
            "value_usd,comment,hs_code,period,flow,partner,reporter,source\n"
                + "33300000.00,annual exports,TOTAL,2023,X,ARM,KAZ,KZ-BNS\n");

    TradeRecord r = accepted(rows.get(0));
    assertThat(r.getRecordKey()).isEqualTo("KZ-BNS|KAZ|ARM|X|2023|TOTAL");
    assertThat(r.getFrequency()).isEqualTo(Frequency.A);
    assertThat(r.getMonth()).isNull();
    assertThat(r.getHsLevel()).isZero();
    assertThat(r.getValueUsd()).isEqualTo(new BigDecimal("33300000.00"));
    assertThat(r.getRevision()).isEqualTo(1);
    assertThat(r.getNetWeightKg()).isNull();
  }

  @Test
  void readsAFileThatStartsWithAByteOrderMark() throws IOException {
    // given a file saved by a spreadsheet program, with a UTF-8 BOM before the first column name
    List<Parsed<TradeRecord>> rows =
        readAll(reader, "excel.csv", "\uFEFF" + HEADER + "KZ-BNS,KAZ,ARM,X,2023,TOTAL,1.00,,,,\n");

    // then the first column is read like any other
    assertThat(accepted(rows.get(0)).getSource()).isEqualTo("KZ-BNS");
  }

  @Test
  void readsMonthlyRowsWithLeadingZeroHsCodesAndScaledQuantities() throws IOException {
    List<Parsed<TradeRecord>> rows =
        readAll(
            reader,
            "trade.csv",
            HEADER
                + "KZ-BNS,KAZ,ARM,M,2024-07,080610,1234.5,100.25,7,t,3\n"
                + "KZ-BNS,KAZ,ARM,X,2024-07,24,1.00,,,,\n");

    TradeRecord grapes = accepted(rows.get(0));
    assertThat(grapes.getFlow()).isEqualTo(Flow.M);
    assertThat(grapes.getMonth()).isEqualTo(7);
    assertThat(grapes.getHsCode()).isEqualTo("080610");
    assertThat(grapes.getHsLevel()).isEqualTo(6);
    assertThat(grapes.getValueUsd()).isEqualTo(new BigDecimal("1234.50"));
    assertThat(grapes.getNetWeightKg()).isEqualTo(new BigDecimal("100.250"));
    assertThat(grapes.getQuantity()).isEqualTo(new BigDecimal("7.000"));
    assertThat(grapes.getQuantityUnit()).isEqualTo("t");
    assertThat(grapes.getRevision()).isEqualTo(3);
    assertThat(accepted(rows.get(1)).getHsLevel()).isEqualTo(2);
  }

  @Test
  void rejectsBadRowsNamingColumnAndValueAndKeepsGoodRows() throws IOException {
    List<Parsed<TradeRecord>> rows =
        readAll(
            reader,
            "bad.csv",
            HEADER
                + "KZ-BNS,KAZ,ARM,X,2023-01,0806,12x,,,,\n"
                + "KZ-BNS,KAZ,XXX,X,2023-01,0806,1.00,,,,\n"
                + "KZ-BNS,KAZ,ARM,X,2027-01,0806,1.00,,,,\n"
                + "KZ-BNS,KAZ,ARM,X,2023-01,0806,1.234,,,,\n"
                + "KZ-BNS,KAZ,ARM,ZZ,2023-01,0806,1.00,,,,\n"
                + "KZ-BNS,KAZ,ARM,X,2023-01,0806,-5.00,,,,\n"
                + "KZ-BNS,KAZ,ARM,X,2023-01,0806,1.00,0.0001,,,\n"
                + "KZ-BNS,KAZ,ARM,X,2023-01,0806,7.00,,,,\n");

    assertThat(rows).hasSize(8);
    assertThat(rejected(rows.get(0)).reason()).contains("value_usd").contains("12x");
    assertThat(rejected(rows.get(1)).reason()).contains("partner").contains("XXX");
    assertThat(rejected(rows.get(2)).reason()).contains("2027").contains("future");
    assertThat(rejected(rows.get(3)).reason()).contains("value_usd").contains("1.234");
    assertThat(rejected(rows.get(4)).reason()).contains("flow").contains("ZZ");
    assertThat(rejected(rows.get(5)).reason()).contains("negative");
    assertThat(rejected(rows.get(6)).reason()).contains("net_weight_kg").contains("0.0001");
    assertThat(accepted(rows.get(7)).getValueUsd()).isEqualTo(new BigDecimal("7.00"));
    assertThat(rows).extracting(Parsed::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(rejected(rows.get(0)).file()).isEqualTo("bad.csv");
  }

  @Test
  void keepsTheRowAsCsvForTheDeadLetterTopic() throws IOException {
    List<Parsed<TradeRecord>> rows =
        readAll(reader, "t.csv", HEADER + "\"KZ,BNS\",KAZ,ARM,X,2023,TOTAL,oops,,,,\n");

    assertThat(rejected(rows.get(0)).raw()).isEqualTo("\"KZ,BNS\",KAZ,ARM,X,2023,TOTAL,oops,,,,");
  }

  @Test
  void numbersTheLastLineRightWithoutATrailingNewlineAndAfterBlankLines() throws IOException {
    List<Parsed<TradeRecord>> rows =
        readAll(
            reader,
            "t.csv",
            HEADER + "KZ-BNS,KAZ,ARM,X,2023,TOTAL,1.00,,,,\n\nKZ-BNS,KAZ,ARM,X,2023,TOTAL,x,,,,");

    assertThat(rows).extracting(Parsed::line).containsExactly(2L, 4L);
  }

  @Test
  void rejectsARowWithTooFewFields() throws IOException {
    List<Parsed<TradeRecord>> rows = readAll(reader, "t.csv", HEADER + "KZ-BNS,KAZ,ARM\n");

    assertThat(rejected(rows.get(0)).reason()).contains("3 fields");
  }

  @Test
  void refusesAFileWithoutARequiredColumnNamingIt() throws IOException {
    Path file = dir.resolve("short.csv");
    Files.writeString(file, "source,reporter,partner,flow,period,value_usd\n");

    assertThatThrownBy(() -> reader.read(file, row -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("short.csv")
        .hasMessageContaining("'hs_code' is missing");
  }

  @Test
  void streamsAFileRowByRowToTheCallback() throws IOException {
    Path file = dir.resolve("trade.csv");
    Files.writeString(
        file,
        HEADER
            + "KZ-BNS,KAZ,ARM,X,2023,TOTAL,1.00,,,,\n"
            + "KZ-BNS,KAZ,ARM,M,2023,TOTAL,2.00,,,,\n");
    List<String> seen = new ArrayList<>();

    reader.read(file, row -> seen.add(row.file() + ":" + row.line()));

    assertThat(seen).containsExactly("trade.csv:2", "trade.csv:3");
  }

  @Test
  void iteratorParsesOnlyWhatIsAskedFor() throws IOException {
    try (ParsedRows<TradeRecord> rows =
        reader.open(
            "t.csv",
            new StringReader(
                HEADER
                    + "KZ-BNS,KAZ,ARM,X,2023,TOTAL,1.00,,,,\n"
                    + "KZ-BNS,KAZ,ARM,X,2023,TOTAL,2.00,,,,\n"))) {
      assertThat(accepted(rows.next()).getValueUsd()).isEqualTo(new BigDecimal("1.00"));
      assertThat(rows.hasNext()).isTrue();
    }
  }
}
