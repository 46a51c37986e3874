package io.tradewatch.producers.read;

import static io.tradewatch.producers.read.ReaderTestSupport.CHECKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewatch.avro.TradeRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bad row rejects that row and no other: undecodable bytes, a quote left open, a value the
 * schema's decimal cannot hold. Each is a {@code file:line: reason}; every good row around it is
 * read.
 */
class BadRowsReaderTest {
  private static final String HEADER =
      "source,reporter,partner,flow,period,hs_code,value_usd,net_weight_kg,quantity,quantity_unit,revision\n";
  private static final String GOOD_2 = "KZ-BNS,KAZ,ARM,X,2023-01,TOTAL,1.00,,,,\n";
  private static final String GOOD_4 = "KZ-BNS,KAZ,ARM,X,2023-03,TOTAL,3.00,,,,\n";

  private final TradeCsvReader reader = new TradeCsvReader(CHECKS);

  @TempDir Path dir;

  /** Each row as {@code line: value} when accepted or {@code file:line: reason} when rejected. */
  private List<String> read(Path file, java.nio.charset.Charset encoding) throws IOException {
    List<String> rows = new ArrayList<>();
    reader.read(
        file,
        encoding,
        row -> {
          if (row instanceof Parsed.Accepted<TradeRecord> a) {
            rows.add(a.line() + ": " + a.record().getValueUsd());
          } else if (row instanceof Parsed.Rejected<TradeRecord> r) {
            rows.add(r.rejection().toString());
          }
        });
    return rows;
  }

  private Path file(byte[]... parts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.write(part);
    }
    Path file = dir.resolve("trade.csv");
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void givenALatin1ByteInUtf8_whenRead_thenThatLineIsRejectedAndTheOthersRead() throws IOException {
    Path file =
        file(
            utf8(HEADER + GOOD_2),
            "KZ-BNS,KAZ,ARM,X,2023-02,TOTAL,2.00,,,Ger\u00e4t,\n"
                .getBytes(StandardCharsets.ISO_8859_1),
            utf8(GOOD_4));

    assertThat(read(file, StandardCharsets.UTF_8))
        .containsExactly("2: 1.00", "trade.csv:3: not valid UTF-8", "4: 3.00");
  }

  @Test
  void givenTheSameFileReadAsLatin1_whenRead_thenEveryRowIsAccepted() throws IOException {
    Path file =
        file(
            utf8(HEADER + GOOD_2),
            "KZ-BNS,KAZ,ARM,X,2023-02,TOTAL,2.00,,,Ger\u00e4t,\n"
                .getBytes(StandardCharsets.ISO_8859_1),
            utf8(GOOD_4));
    List<String> units = new ArrayList<>();

    reader.read(
        file,
        StandardCharsets.ISO_8859_1,
        row -> {
          if (row instanceof Parsed.Accepted<TradeRecord> a) {
            units.add(String.valueOf(a.record().getQuantityUnit()));
          }
        });

    assertThat(units).containsExactly("null", "Ger\u00e4t", "null");
  }

  @Test
  void givenAnUnbalancedQuote_whenRead_thenThatLineIsRejectedAndReadingResumesAtTheNext()
      throws IOException {
    Path file =
        file(utf8(HEADER + GOOD_2 + "KZ-BNS,KAZ,ARM,X,2023-02,TOTAL,\"2.00,,,,\n" + GOOD_4));

    assertThat(read(file, StandardCharsets.UTF_8))
        .containsExactly("2: 1.00", "trade.csv:3: unbalanced quote", "4: 3.00");
  }

  @Test
  void givenAQuotedFieldSpanningTwoLines_whenRead_thenItIsOneRowAndLaterLinesKeepTheirNumbers()
      throws IOException {
    Path file =
        file(utf8(HEADER + "KZ-BNS,KAZ,ARM,X,2023-01,TOTAL,1.00,,,\"two\nlines\",\n" + GOOD_4));

    assertThat(read(file, StandardCharsets.UTF_8)).containsExactly("2: 1.00", "4: 3.00");
  }

  @Test
  void givenAQuoteInsideAnUnquotedValue_whenRead_thenItIsPartOfTheValue() throws IOException {
    Path file = file(utf8(HEADER + "KZ-BNS,KAZ,ARM,X,2023-01,TOTAL,1.00,,,5\" pipe,\n" + GOOD_4));
    List<String> units = new ArrayList<>();

    reader.read(
        file,
        StandardCharsets.UTF_8,
        row -> {
          if (row instanceof Parsed.Accepted<TradeRecord> a) {
            units.add(String.valueOf(a.record().getQuantityUnit()));
          }
        });

    assertThat(units).containsExactly("5\" pipe", "null");
  }

  @Test
  void givenValuesTheSchemaCannotHold_whenRead_thenEachIsRejectedBeforeEncoding()
      throws IOException {
    Path file =
        file(
            utf8(
                HEADER
                    + GOOD_2
                    + "P15-HUGE,KAZ,UZB,X,2022-01,TOTAL,1e30,,,,\n"
                    + "P15-HUGE,KAZ,UZB,X,2022-02,TOTAL,123456789012345678901.00,,,,\n"
                    + "P15-HUGE,KAZ,UZB,X,2022-03,TOTAL,999999999999999999.99,,,,\n"
                    + "P15-HUGE,KAZ,UZB,X,2022-04,TOTAL,100000000000000.00,,,,\n"));

    assertThat(read(file, StandardCharsets.UTF_8))
        .containsExactly(
            "2: 1.00",
            "trade.csv:3: value_usd '1e30' is too large: at most 18 digits before the decimal"
                + " point fit",
            "trade.csv:4: value_usd '123456789012345678901.00' is too large: at most 18 digits"
                + " before the decimal point fit",
            "trade.csv:5: valueUsd 999999999999999999.99 is above the largest trade figure"
                + " accepted, 100000000000000",
            "6: 100000000000000.00");
  }

  @Test
  void givenAnEmptyFile_whenOpened_thenTheErrorSaysItIsEmpty() throws IOException {
    Path file = file(new byte[0]);

    assertThatThrownBy(() -> read(file, StandardCharsets.UTF_8))
        .isInstanceOf(IOException.class)
        .hasMessage("trade.csv is empty");
  }
}
