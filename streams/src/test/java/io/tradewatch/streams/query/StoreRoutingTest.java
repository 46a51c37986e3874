package io.tradewatch.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

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
  void givenMonthlyAndAnnualFigures_whenRouted_thenTheyGoToThePartitionOfTheirSeries() {
    String series = "KZ-BNS|KAZ|ARM|TOTAL";
    for (String month : new String[] {"2018-01", "2023-07", "2024-12"}) {
      assertThat(routed(QueryableStores.MONTHLY, series + "|" + month))
          .containsExactly(written(series));
    }
    assertThat(routed(QueryableStores.ANNUAL, series + "|2023")).containsExactly(written(series));
  }

  @Test
  void givenAMirrorGapEitherWay_whenRouted_thenItGoesWhereBothSidesMet() {
    String pair = "ARM|KAZ|TOTAL|2023";
    assertThat(routed(QueryableStores.MIRROR, "KZ-BNS|KAZ|AM-ARMSTAT|ARM|TOTAL|2023"))
        .containsExactly(written(pair));
    assertThat(routed(QueryableStores.MIRROR, "AM-ARMSTAT|ARM|KZ-BNS|KAZ|TOTAL|2023"))
        .containsExactly(written(pair));
  }

  @Test
  void givenAnyOtherStore_whenRouted_thenItsOwnKeyDecides() {
    String key = "KZ-ARM-70-PRODUCTS|2023";
    assertThat(routed(QueryableStores.TARGET, key)).containsExactly(written(key));
  }
}
