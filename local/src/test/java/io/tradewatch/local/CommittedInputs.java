package io.tradewatch.local;

import io.tradewatch.schemas.Topics;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far an application has got: the input records whose processing its group has committed. */
final class CommittedInputs {
  private CommittedInputs() {}

  /** The sum of the group's committed offsets on the trade records topic (0 before any commit). */
  static long of(Properties client, String applicationId, Topics topics)
      throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(client)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
      String input = topics.tradeRecords().name();
      return committed.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(input) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .sum();
    }
  }
}
