package io.tradewatch.streams.topology;

import io.tradewatch.avro.internal.LedgerInput;
import io.tradewatch.streams.query.QueryableStores;
import io.tradewatch.streams.query.StoreRouting;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Routes a target to the partition of its country pair, where the pair's figures are read (their
 * message key is the pair, {@link StoreRouting}), and sends a release written as a single copy to
 * every partition: the series its reporter publishes for are spread over all of them.
 */
final class LedgerPartitioner implements StreamPartitioner<String, LedgerInput> {
  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, LedgerInput value, int numPartitions) {
    if (value != null && value.getRelease() != null) {
      return Optional.of(
          IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
    return Optional.of(Set.of(StoreRouting.partition(QueryableStores.MONTHLY, key, numPartitions)));
  }
}
