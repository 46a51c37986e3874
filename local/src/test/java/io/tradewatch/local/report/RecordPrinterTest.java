package io.tradewatch.local.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.AnnualBasis;
import io.tradewatch.avro.MirrorGap;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** {@code analyze --json}: one line per record, the record in the one JSON form of records. */
class RecordPrinterTest {
  static {
    // Building Avro records before any serde is touched: trust the generated classes first.
    Serdes.trustGeneratedClasses();
  }

  private static final Topics TOPICS = Topics.withPrefix("printer.");

  @Test
  void givenOutputRecords_whenPrintedAsJson_thenBooleansAndMapsKeepTheirJsonTypes() {
    MirrorGap gap =
        MirrorGap.newBuilder()
            .setExporterSource("AM-ARMSTAT")
            .setExporter("ARM")
            .setImporterSource("KZ-BNS")
            .setImporter("KAZ")
            .setHsGroup("TOTAL")
            .setYear(2023)
            .setExportsUsd(new BigDecimal("71300000.00"))
            .setImportsUsd(new BigDecimal("19800000.00"))
            .setCifFobFactor(new BigDecimal("1.0000"))
            .setImportsFobUsd(new BigDecimal("19800000.00"))
            .setGapUsd(new BigDecimal("-51500000.00"))
            .setExporterMonths(12)
            .setImporterMonths(12)
            .setComplete(true)
            .build();
    TradeAnnual annual =
        TradeAnnual.newBuilder()
            .setSource("KZ-BNS")
            .setReporter("KAZ")
            .setPartner("ARM")
            .setHsGroup("TOTAL")
            .setYear(2023)
            .setExportsUsd(new BigDecimal("33300000.00"))
            .setImportsUsd(new BigDecimal("19800000.00"))
            .setTurnoverUsd(new BigDecimal("53100000.00"))
            .setBalanceUsd(new BigDecimal("13500000.00"))
            .setExportsBasis(AnnualBasis.PERIOD_SUM)
            .setImportsBasis(AnnualBasis.PERIOD_SUM)
            .setMonthsReported(12)
            .setNullReasons(Map.of("turnoverYoyPct", "2022 not released"))
            .build();
    OutputSnapshot snapshot =
        new OutputSnapshot(
            Map.of(
                TOPICS.mirrorGaps().name(), sorted("AM-ARMSTAT/KZ-BNS|ARM|KAZ|TOTAL|2023", gap),
                TOPICS.tradeAnnual().name(), sorted("KZ-BNS|KAZ|ARM|TOTAL|2023", annual)));
    StringWriter out = new StringWriter();

    RecordPrinter.json(snapshot, TOPICS, new PrintWriter(out));

    assertThat(out.toString().lines().toList())
        .containsExactly(
            "{\"topic\":\"printer.trade-annual\",\"key\":\"KZ-BNS|KAZ|ARM|TOTAL|2023\",\"value\":{"
                + "\"source\":\"KZ-BNS\",\"reporter\":\"KAZ\",\"partner\":\"ARM\","
                + "\"hsGroup\":\"TOTAL\",\"year\":2023,\"exportsUsd\":\"33300000.00\","
                + "\"importsUsd\":\"19800000.00\",\"turnoverUsd\":\"53100000.00\","
                + "\"balanceUsd\":\"13500000.00\",\"exportsBasis\":\"PERIOD_SUM\","
                + "\"importsBasis\":\"PERIOD_SUM\",\"monthsReported\":12,\"exportsYoyPct\":null,"
                + "\"importsYoyPct\":null,\"turnoverYoyPct\":null,\"turnoverMultiple5y\":null,"
                + "\"turnoverCagr5yPct\":null,\"exportsMonthsCovered\":0,"
                + "\"importsMonthsCovered\":0,\"exportsComplete\":false,\"importsComplete\":false,"
                + "\"nullReasons\":{\"turnoverYoyPct\":\"2022 not released\"}}}",
            "{\"topic\":\"printer.mirror-gaps\",\"key\":\"AM-ARMSTAT/KZ-BNS|ARM|KAZ|TOTAL|2023\","
                + "\"value\":{\"exporterSource\":\"AM-ARMSTAT\",\"exporter\":\"ARM\","
                + "\"importerSource\":\"KZ-BNS\",\"importer\":\"KAZ\",\"hsGroup\":\"TOTAL\","
                + "\"year\":2023,\"exportsUsd\":\"71300000.00\",\"importsUsd\":\"19800000.00\","
                + "\"cifFobFactor\":\"1.0000\",\"importsFobUsd\":\"19800000.00\","
                + "\"gapUsd\":\"-51500000.00\",\"gapPct\":null,\"exporterMonths\":12,"
                + "\"importerMonths\":12,\"complete\":true}}");
  }

  private static SortedMap<String, SpecificRecord> sorted(String key, SpecificRecord value) {
    SortedMap<String, SpecificRecord> one = new TreeMap<>();
    one.put(key, value);
    return one;
  }
}
