package io.tradewatch.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.TradeFigures;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Interactive queries look for a figure in the partition it was computed in. */
class StoreRoutingTest {
  private static final int PARTITIONS = 12;

  /** The partition Kafka's default partitioner gives a record with this key. */
  private static int written(String key) {
    return BuiltInPartitioner.partitionForKey(
        new StringSerializer().serialize("any", key), PARTITIONS);
  }

  private static Set<Integer> routed(String store, String key) {
    return StoreRouting.partitioner(store).partitions("any", key, null, PARTITIONS).orElseThrow();
  }

  @Test
  void
      givenMonthlyAndAnnualFiguresOfBothReporters_whenRouted_thenTheyGoToThePartitionOfTheirPair() {
    for (String series : new String[] {"KZ-BNS|KAZ|ARM|TOTAL", "AM-ARMSTAT|ARM|KAZ|27"}) {
      for (String month : new String[] {"2018-01", "2023-07", "2024-12"}) {
        assertThat(routed(QueryableStores.MONTHLY, series + "|" + month))
            .containsExactly(written("ARM|KAZ"));
      }
      assertThat(routed(QueryableStores.ANNUAL, series + "|2023"))
          .containsExactly(written("ARM|KAZ"));
    }
  }

  @Test
  void givenTradeRecordsOfBothReporters_whenPublished_thenTheyLandWhereTheirFiguresAreQueried() {
    // The topology computes figures in the task of the partition a record was published to.
    for (TradeFigures.Cell cell :
        List.of(
            new TradeFigures.Cell("KZ-BNS", "KAZ", "ARM", Flow.X, 2023, 7, "270900"),
            new TradeFigures.Cell("AM-ARMSTAT", "ARM", "KAZ", Flow.M, 2023, 7, "270900"))) {
      TradeRecord r = TradeFigures.of(cell).setValueUsd(new BigDecimal("10.00")).build();
      String series = Keys.join(r.getSource(), r.getReporter(), r.getPartner());
      assertThat(routed(QueryableStores.MONTHLY, series + "|27|2023-07"))
          .containsExactly(written(Keys.tradeMessageKey(r)));
    }
  }

  @Test
  void givenAMirrorGapEitherWay_whenRouted_thenItGoesWhereBothSidesMet() {
    assertThat(routed(QueryableStores.MIRROR, "KZ-BNS|KAZ|AM-ARMSTAT|ARM|TOTAL|2023"))
        .containsExactly(written("ARM|KAZ"));
    assertThat(routed(QueryableStores.MIRROR, "AM-ARMSTAT|ARM|KZ-BNS|KAZ|27|2021"))
        .containsExactly(written("ARM|KAZ"));
  }

  @Test
  void givenTwoCountriesEitherWay_whenPaired_thenTheyAreInOneOrder() {
    assertThat(Keys.countryPair("KAZ", "ARM")).isEqualTo("ARM|KAZ");
    assertThat(Keys.countryPair("ARM", "KAZ")).isEqualTo("ARM|KAZ");
    assertThat(StoreRouting.mirrorPairKey("KAZ", "ARM", "TOTAL", 2023))
        .isEqualTo("ARM|KAZ|TOTAL|2023");
  }

  @Test
  void givenAnyOtherStore_whenRouted_thenItsOwnKeyDecides() {
    String key = "KZ-ARM-70-PRODUCTS|2023";
    assertThat(routed(QueryableStores.TARGET, key)).containsExactly(written(key));
  }
}
