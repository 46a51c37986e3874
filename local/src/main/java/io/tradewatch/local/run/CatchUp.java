package io.tradewatch.local.run;

import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the topology has processed everything published so far: the application's group has
 * committed the end of every input partition and of every one of its repartition topics, and then,
 * for a quiet period, its consumer group has stayed stable and neither its committed offsets nor
 * the end of any output or internal topic has moved (the downstream sub-topologies and the final
 * commits have run).
 *
 * <p>Stable matters: while the group rebalances, or right after, while tasks restore their state,
 * nothing moves although records wait in the repartition topics, and a quiet period that covered a
 * rebalance would end too early.
 */
public final class CatchUp {
  private final Properties clientProperties;
  private final Topics topics;
  private final String applicationId;
  private final Duration quietPeriod;

  public CatchUp(
      Properties clientProperties, Topics topics, String applicationId, Duration quietPeriod) {
    this.clientProperties = clientProperties;
    this.topics = topics;
    this.applicationId = applicationId;
    this.quietPeriod = quietPeriod;
  }

  /** Blocks until caught up; {@code progress} receives how many input records remain. */
  public void await(Duration timeout, java.util.function.LongConsumer progress)
      throws InterruptedException {
    await(timeout, progress, () -> {});
  }

  /**
   * As above, calling {@code healthCheck} on every round, so that a topology that has failed ends
   * the wait at once (by throwing) rather than after the timeout.
   */
  public void await(
      Duration timeout, java.util.function.LongConsumer progress, Runnable healthCheck)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(clientProperties)) {
      Set<String> inputs =
          topics.inputs().stream().map(Topic::name).collect(Collectors.toUnmodifiableSet());
      while (true) {
        long lag = lag(admin, inputs);
        progress.accept(lag);
        // Records waiting in a repartition topic count too: a restarted instance restoring its
        // state after the inputs were all read moves nothing for as long as that takes, with its
        // group stable, which a quiet period alone would take for the end.
        long internal = lag(admin, repartitionTopics(admin));
        if (lag == 0 && internal == 0) {
          break;
        }
        healthCheck.run();
        check(
            deadline,
            () ->
                lag
                    + " input records and "
                    + internal
                    + " repartitioned records not yet processed");
        Thread.sleep(200);
      }
      Map<TopicPartition, Long> last = fingerprint(admin);
      long stableSince = System.nanoTime();
      while (System.nanoTime() - stableSince < quietPeriod.toNanos()) {
        healthCheck.run();
        check(deadline, () -> "outputs still changing, or the group not stable");
        Thread.sleep(100);
        Map<TopicPartition, Long> now = fingerprint(admin);
        if (!now.equals(last) || groupState(admin) != GroupState.STABLE) {
          last = now;
          stableSince = System.nanoTime();
        }
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot read offsets: " + e.getCause(), e);
    }
  }

  private static void check(long deadline, Supplier<String> state) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("Topology did not catch up in time: " + state.get());
    }
  }

  /**
   * The repartition topics the application's group reads: those it has committed offsets of (a name
   * prefix alone would also take in the topics of another application whose id starts with this
   * one's, a replay's, say).
   */
  private Set<String> repartitionTopics(Admin admin)
      throws ExecutionException, InterruptedException {
    return committed(admin).keySet().stream()
        .map(TopicPartition::topic)
        .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-repartition"))
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Records of these topics the application's group has not committed yet. */
  private long lag(Admin admin, Set<String> topicNames)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, Long> ends = endOffsets(admin, topicNames);
    Map<TopicPartition, OffsetAndMetadata> committed = committed(admin);
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      OffsetAndMetadata c = committed.get(end.getKey());
      lag += end.getValue() - (c == null ? 0 : c.offset());
    }
    return lag;
  }

  private Map<TopicPartition, Long> fingerprint(Admin admin)
      throws ExecutionException, InterruptedException {
    Set<String> watched =
        admin.listTopics().names().get().stream()
            .filter(
                name ->
                    name.startsWith(applicationId + "-")
                        || topics.outputs().stream().anyMatch(t -> t.name().equals(name)))
            .collect(Collectors.toSet());
    Map<TopicPartition, Long> state = new HashMap<>(endOffsets(admin, watched));
    committed(admin).forEach((tp, offset) -> state.put(tp, -offset.offset()));
    return state;
  }

  private GroupState groupState(Admin admin) throws ExecutionException, InterruptedException {
    return admin
        .describeConsumerGroups(List.of(applicationId))
        .describedGroups()
        .get(applicationId)
        .get()
        .groupState();
  }

  private Map<TopicPartition, OffsetAndMetadata> committed(Admin admin)
      throws ExecutionException, InterruptedException {
    return admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, Set<String> names)
      throws ExecutionException, InterruptedException {
    if (names.isEmpty()) {
      return Map.of();
    }
    Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    descriptions.forEach(
        (name, d) ->
            d.partitions()
                .forEach(
                    p ->
                        request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
        admin.listOffsets(request).all().get();
    Map<TopicPartition, Long> ends = new HashMap<>();
    result.forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }
}
