package io.tradewatch.broker;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Waits until new topics can be written, on any cluster. Created is not yet writable: a broker that
 * has not seen the creation answers UNKNOWN_TOPIC_OR_PARTITION, and the metadata can name a leader
 * before that broker has taken the partition on, when it refuses writes as NOT_LEADER_OR_FOLLOWER.
 * An idempotent producer whose first batch was refused so while later ones were appended can never
 * place its retry (OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout). Ready here means every
 * partition has a leader that answers for its end offset, which only a serving leader does.
 */
public final class TopicReadiness {
  private TopicReadiness() {}

  /**
   * @throws TimeoutException when some partition is not served within {@code within}
   * @throws ExecutionException when the cluster refuses for a reason retrying cannot change
   */
  public static void await(Admin admin, Collection<String> names, Duration within)
      throws ExecutionException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!served(admin, names)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "partitions of topics " + names + " are not served after " + within.toSeconds() + " s");
      }
      Thread.sleep(50); // metadata propagation takes a few milliseconds; poll, do not guess
    }
  }

  private static boolean served(Admin admin, Collection<String> names)
      throws ExecutionException, InterruptedException {
    try {
      Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      for (TopicDescription d : described.values()) {
        for (var p : d.partitions()) {
          if (p.leader() == null || p.leader().isEmpty()) {
            return false;
          }
          ends.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
        }
      }
      admin.listOffsets(ends).all().get();
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RetriableException) {
        return false;
      }
      throw e;
    }
  }
}
