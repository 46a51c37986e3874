package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.streams.query.StoreRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.InternalFixedKeyRecordFactory;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * A trade record is computed in the task of its key's partition, so one that a producer put on
 * another partition is rejected, naming both partitions, when the application knows how many the
 * topic has.
 */
class InputChecksTest {
  private static final String TOPIC = "trade-records";
  private static final String KEY = "KZ-BNS|ARM|KAZ";
  private static final int PARTITIONS = 6;
  private static final int HOME = StoreRouting.keyPartition(KEY, PARTITIONS);

  @Test
  void givenTheTopicsPartitions_whenARecordComesFromAnotherPartition_thenItIsRejected() {
    // Given an application that knows the trade records' topic has 6 partitions
    Map<String, Object> configs = Map.of(TradewatchTopology.TRADE_PARTITIONS_CONFIG, PARTITIONS);

    // When one record comes from its key's partition and one from the next
    List<Checked<String>> atHome = check(configs, TOPIC, HOME);
    List<Checked<String>> elsewhere = check(configs, TOPIC, (HOME + 1) % PARTITIONS);

    // Then the first passes and the second is rejected, saying where it belongs
    assertThat(atHome).containsExactly(Checked.ok("figure"));
    assertThat(elsewhere).singleElement().satisfies(c -> assertThat(c.isOk()).isFalse());
    assertThat(elsewhere.get(0).rejection())
        .isEqualTo(
            "on partition "
                + (HOME + 1) % PARTITIONS
                + ", but Kafka's default partitioner puts message key '"
                + KEY
                + "' on partition "
                + HOME
                + " of 6: publish with the default partitioner, or the pair's figures are summed"
                + " apart");
  }

  @Test
  void givenNoPartitionCount_orAnotherTopic_thenThePartitionIsNotChecked() {
    // Given an application that does not know the partitions, and one that does
    Map<String, Object> known = Map.of(TradewatchTopology.TRADE_PARTITIONS_CONFIG, PARTITIONS);
    int elsewhere = (HOME + 1) % PARTITIONS;

    // Then a record from another partition passes when the count is unknown, and so does one read
    // from another topic than the checked one
    assertThat(check(Map.of(), TOPIC, elsewhere)).containsExactly(Checked.ok("figure"));
    assertThat(check(known, "releases", elsewhere)).containsExactly(Checked.ok("figure"));
  }

  private static List<Checked<String>> check(
      Map<String, Object> configs, String topic, int partition) {
    List<Checked<String>> out = new ArrayList<>();
    InputChecks<String> checks = new InputChecks<>(v -> Optional.empty(), v -> KEY, TOPIC);
    checks.init(
        CapturingFixedKeyContext.of(
            Map.of(), configs, out, () -> Optional.of(metadata(topic, partition))));
    checks.process(
        InternalFixedKeyRecordFactory.create(new Record<>(KEY, "figure", 0L, new RecordHeaders())));
    return out;
  }

  private static RecordMetadata metadata(String topic, int partition) {
    return new RecordMetadata() {
      @Override
      public String topic() {
        return topic;
      }

      @Override
      public int partition() {
        return partition;
      }

      @Override
      public long offset() {
        return 0;
      }
    };
  }
}
