package io.tradewatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewatch.avro.AnnualBasis;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.schemas.Serdes;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Key filters, merging instances' answers and records as API items: the pieces behind every query.
 */
class QueryPartsTest {
  static {
    // Building Avro records before any serde is touched: trust the generated classes first, or
    // Avro refuses them for the rest of this JVM (the end-to-end tests share it).
    Serdes.trustGeneratedClasses();
  }

  @Test
  void givenFixedLeadingParts_whenFiltering_thenPrefixAndPeriodBoundsApply() {
    KeyFilter filter =
        KeyFilter.parts(Map.of(0, "KZ-BNS", 1, "KAZ", 3, "TOTAL")).periods("2023", "2024");

    assertThat(filter.prefix()).isEqualTo("KZ-BNS|KAZ|");
    assertThat(filter.matches("KZ-BNS|KAZ|ARM|TOTAL|2023")).isTrue();
    assertThat(filter.matches("KZ-BNS|KAZ|ARM|TOTAL|2022")).isFalse();
    assertThat(filter.matches("KZ-BNS|KAZ|ARM|27|2023")).isFalse();
    assertThat(KeyFilter.fromQuery(List.of("0:KZ-BNS", "1:KAZ", "3:TOTAL"), "2023", "2024", null))
        .isEqualTo(filter);
  }

  @Test
  void givenTwoInstancesAnswers_whenMerged_thenTotalsAddAndTheFirstKeysWin() {
    ScanResult a = new ScanResult(3, List.of(item("a|1"), item("a|3")));
    ScanResult b = new ScanResult(2, List.of(item("a|2"), item("a|4")));

    ScanResult merged = ScanResult.merge(List.of(a, b), 3, false);

    assertThat(merged.total()).isEqualTo(5);
    assertThat(merged.items()).extracting(i -> i.get("key")).containsExactly("a|1", "a|2", "a|3");
    assertThat(merged.page(new Params.Page(1, 5)))
        .extracting(i -> i.get("key"))
        .containsExactly("a|2", "a|3");
  }

  @Test
  void givenAStoredAvroRecord_whenServedAsAnItem_thenMoneyIsExactText() throws Exception {
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
            .setTurnoverYoyPct(new BigDecimal("23.1162"))
            .build();
    ObjectMapper mapper = new ObjectMapper();

    JsonNode item =
        mapper.readTree(
            mapper.writeValueAsString(LocalStores.item("KZ-BNS|KAZ|ARM|TOTAL|2023", annual)));

    assertThat(item.get("key").textValue()).isEqualTo("KZ-BNS|KAZ|ARM|TOTAL|2023");
    JsonNode value = item.get("value");
    assertThat(value.get("turnoverUsd").textValue()).isEqualTo("53100000.00");
    assertThat(value.get("turnoverYoyPct").textValue()).isEqualTo("23.1162");
    assertThat(value.get("exportsBasis").textValue()).isEqualTo("PERIOD_SUM");
    assertThat(value.get("year").isInt()).isTrue();
    assertThat(value.get("year").intValue()).isEqualTo(2023);
    assertThat(value.get("exportsComplete").isBoolean()).isTrue();
    assertThat(value.get("turnoverMultiple5y").isNull()).isTrue();
  }

  private static Map<String, Object> item(String key) {
    return Map.of("key", key, "value", Map.of());
  }
}
