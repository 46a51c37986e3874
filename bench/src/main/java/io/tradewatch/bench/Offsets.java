package io.tradewatch.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** End offsets and committed offsets through one Admin client. */
final class Offsets implements AutoCloseable {
  private final Admin admin;

  Offsets(Properties clientProperties) {
    this.admin = Admin.create(clientProperties);
  }

  Set<String> topics(Predicate<String> filter) {
    try {
      return admin.listTopics().names().get().stream()
          .filter(filter)
          .collect(Collectors.toUnmodifiableSet());
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot list topics: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while listing topics", e);
    }
  }

  /** End offset of every partition of the topics. */
  Map<TopicPartition, Long> ends(Collection<String> names) {
    if (names.isEmpty()) {
      return Map.of();
    }
    try {
      Map<String, TopicDescription> descriptions =
          admin.describeTopics(names).allTopicNames().get();
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      descriptions.forEach(
          (name, d) ->
              d.partitions()
                  .forEach(
                      p ->
                          request.put(
                              new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
          admin.listOffsets(request).all().get();
      Map<TopicPartition, Long> ends = new HashMap<>();
      result.forEach((tp, info) -> ends.put(tp, info.offset()));
      return ends;
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot read end offsets of " + names + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading offsets", e);
    }
  }

  long sumEnds(Collection<String> names) {
    return ends(names).values().stream().mapToLong(Long::longValue).sum();
  }

  Map<TopicPartition, Long> committed(String group) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, Long> result = new HashMap<>();
      offsets.forEach((tp, o) -> result.put(tp, o == null ? 0L : o.offset()));
      return result;
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot read offsets of group " + group + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading offsets", e);
    }
  }

  void delete(Collection<String> names) {
    if (names.isEmpty()) {
      return;
    }
    try {
      admin.deleteTopics(names).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot delete " + names + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while deleting topics", e);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
