package io.tradewatch.streams.topology;

import io.tradewatch.avro.internal.LedgerInput;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Routes a figure to its series' partition exactly as Kafka's default partitioner would (queries
 * find the series' figures there by the key alone) and sends a release to every partition: the
 * series its reporter publishes for are spread over all of them.
 */
final class LedgerPartitioner implements StreamPartitioner<String, LedgerInput> {
  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, LedgerInput value, int numPartitions) {
    if (value != null && value.getRelease() != null) {
      return Optional.of(
          IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(bytes)) % numPartitions));
  }
}
