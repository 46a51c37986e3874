package io.tradewatch.producers.read;

import static io.tradewatch.producers.read.ReaderTestSupport.CHECKS;
import static io.tradewatch.producers.read.ReaderTestSupport.accepted;
import static io.tradewatch.producers.read.ReaderTestSupport.readAll;
import static io.tradewatch.producers.read.ReaderTestSupport.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewatch.avro.FdiDirection;
import io.tradewatch.avro.FdiMeasure;
import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Frequency;
import io.tradewatch.avro.TargetDefinition;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class FdiAndTargetCsvReaderTest {
  private final FdiCsvReader fdi = new FdiCsvReader(CHECKS);
  private final TargetCsvReader targets = new TargetCsvReader(CHECKS);

  @Test
  void readsAnnualAndQuarterlyFdiAndAllowsOnlyNetFlowsToBeNegative() throws IOException {
    List<Parsed<FdiRecord>> rows =
        readAll(
            fdi,
            "fdi.csv",
            "measure,direction,counterpart,reporter,source,period,value_usd\n"
                + "GROSS_INFLOW,INWARD,ARM,KAZ,KZ-NBK,2023,6000000.00\n"
                + "NET_FLOW,OUTWARD,ARM,KAZ,KZ-NBK,2023-Q2,-150000\n"
                + "GROSS_INFLOW,INWARD,ARM,KAZ,KZ-NBK,2023-Q2,-1.00\n"
                + "GROSS_INFLOW,SIDEWAYS,ARM,KAZ,KZ-NBK,2023,1.00\n"
                + "GROSS_INFLOW,INWARD,ARM,KAZ,KZ-NBK,2023-Q5,1.00\n");

    FdiRecord annual = accepted(rows.get(0));
    assertThat(annual.getRecordKey()).isEqualTo("KZ-NBK|KAZ|ARM|INWARD|GROSS_INFLOW|2023");
    assertThat(annual.getFrequency()).isEqualTo(Frequency.A);
    assertThat(annual.getRevision()).isEqualTo(1);
    FdiRecord quarter = accepted(rows.get(1));
    assertThat(quarter.getQuarter()).isEqualTo(2);
    assertThat(quarter.getDirection()).isEqualTo(FdiDirection.OUTWARD);
    assertThat(quarter.getMeasure()).isEqualTo(FdiMeasure.NET_FLOW);
    assertThat(quarter.getValueUsd()).isEqualTo(new BigDecimal("-150000.00"));
    assertThat(rejected(rows.get(2)).reason()).contains("only NET_FLOW may be negative");
    assertThat(rejected(rows.get(3)).reason()).contains("direction").contains("SIDEWAYS");
    assertThat(rejected(rows.get(4)).reason()).contains("period").contains("2023-Q5");
  }

  @Test
  void readsTargetsWithTheirProductListAndOptionalDeadline() throws IOException {
    List<Parsed<TargetDefinition>> rows =
        readAll(
            targets,
            "targets.csv",
            "target_id,name,source,reporter,partner,flow,hs_codes,target_usd,base_year,deadline_year,revision\n"
                + "KZ-ARM-70,Export list,KZ-BNS,KAZ,ARM,X,7202 2710  0402,350000000.00,2023,,\n"
                + "KZ-ALL,All goods,KZ-BNS,KAZ,ARM,M,,1000.00,2023,2026,2\n"
                + "BAD,Bad deadline,KZ-BNS,KAZ,ARM,X,,1000.00,2023,2020,1\n");

    TargetDefinition list = accepted(rows.get(0));
    assertThat(list.getHsCodes()).containsExactly("7202", "2710", "0402");
    assertThat(list.getDeadlineYear()).isNull();
    assertThat(list.getFlow()).isEqualTo(Flow.X);
    assertThat(list.getTargetUsd()).isEqualTo(new BigDecimal("350000000.00"));
    TargetDefinition all = accepted(rows.get(1));
    assertThat(all.getHsCodes()).isEmpty();
    assertThat(all.getDeadlineYear()).isEqualTo(2026);
    assertThat(all.getRevision()).isEqualTo(2);
    assertThat(rejected(rows.get(2)).reason()).contains("deadlineYear 2020");
  }

  @Test
  void refusesATargetFileWithoutBaseYear() {
    assertThatThrownBy(
            () ->
                targets.open(
                    "targets.csv",
                    new StringReader(
                        "target_id,name,source,reporter,partner,flow,hs_codes,target_usd\n")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("'base_year' is missing");
  }
}
