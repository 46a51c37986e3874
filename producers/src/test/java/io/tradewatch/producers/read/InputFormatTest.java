package io.tradewatch.producers.read;

import static io.tradewatch.producers.read.ReaderTestSupport.CHECKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFormatTest {
  @TempDir Path dir;

  private InputFormat detect(String header) throws IOException {
    Path file = dir.resolve("in.csv");
    Files.writeString(file, header + "\n");
    return InputFormat.detect(file);
  }

  @Test
  void detectsEachFormatFromItsHeaderLine() throws IOException {
    assertThat(
            detect(
                "source,reporter,partner,flow,period,hs_code,value_usd,net_weight_kg,quantity,quantity_unit,revision"))
        .isEqualTo(InputFormat.TRADE);
    assertThat(detect("source,reporter,counterpart,direction,measure,period,value_usd,revision"))
        .isEqualTo(InputFormat.FDI);
    assertThat(
            detect(
                "target_id,name,source,reporter,partner,flow,hs_codes,target_usd,base_year,deadline_year,revision"))
        .isEqualTo(InputFormat.TARGETS);
    assertThat(
            detect(
                "\uFEFFtypeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,"
                    + "flowCode,partnerCode,partnerISO,partner2Code,cmdCode,customsCode,motCode,"
                    + "qty,netWgt,primaryValue"))
        .isEqualTo(InputFormat.COMTRADE);
    assertThat(
            detect(
                "\"value_usd\",\"hs_code\",\"period\",\"flow\",\"partner\",\"reporter\",\"source\""))
        .isEqualTo(InputFormat.TRADE);
  }

  @Test
  void refusesAHeaderOfNoKnownFormat() {
    assertThatThrownBy(() -> detect("a,b,c"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not match any format");
  }

  @Test
  void makesTheReaderOfEachFormat() {
    for (InputFormat format : InputFormat.values()) {
      assertThat(format.reader(CHECKS, ReaderOptions.defaults()).format()).isEqualTo(format);
    }
    assertThat(InputFormat.TRADE.reader(CHECKS, ReaderOptions.defaults()))
        .isInstanceOf(TradeCsvReader.class);
    assertThat(InputFormat.COMTRADE.reader(CHECKS, ReaderOptions.defaults()))
        .isInstanceOf(ComtradeCsvReader.class);
  }
}
