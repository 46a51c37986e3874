package io.tradewatch.local;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.AlertState;
import io.tradewatch.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Every committed record of an output topic, key by key in offset order, and what differs between
 * two such histories. A snapshot of final values ({@code OutputSnapshot}) cannot see a record
 * written twice or a step skipped on the way to the same final value; a history can.
 */
final class OutputHistory {
  /** How one key's history differs from the expected one, or how an alert breaks alternation. */
  enum Kind {
    /** A key the expected history has and the actual one lacks. */
    MISSING_KEY,
    /** A key only the actual history has. */
    EXTRA_KEY,
    /** The same events, one or more of them written again. */
    DOUBLED,
    /** The expected events with one or more left out. */
    MISSING_EVENT,
    /** The same events in another order. */
    REORDERED,
    /** Some event differs in content. */
    CHANGED,
    /** An alert whose first event is not RAISED. */
    STARTS_CLEARED,
    /** An alert event with the same state as the one before it. */
    REPEATED_STATE
  }

  record Difference(String key, Kind kind) {}

  private OutputHistory() {}

  /** Every record of {@code topic} committed now, read at {@code read_committed}. */
  static <V extends SpecificRecord> SortedMap<String, List<SpecificRecord>> read(
      Properties client, Topic<String, V> topic) {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    SortedMap<String, List<SpecificRecord>> byKey = new TreeMap<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic.name(), Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
          byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
      }
    }
    return byKey;
  }

  /** Per key, how {@code actual} differs from {@code expected}; empty when they are equal. */
  static List<Difference> diff(
      Map<String, List<SpecificRecord>> actual, Map<String, List<SpecificRecord>> expected) {
    TreeSet<String> keys = new TreeSet<>(actual.keySet());
    keys.addAll(expected.keySet());
    List<Difference> differences = new ArrayList<>();
    for (String key : keys) {
      List<SpecificRecord> a = actual.get(key);
      List<SpecificRecord> e = expected.get(key);
      if (a == null) {
        differences.add(new Difference(key, Kind.MISSING_KEY));
      } else if (e == null) {
        differences.add(new Difference(key, Kind.EXTRA_KEY));
      } else if (!a.equals(e)) {
        differences.add(new Difference(key, kind(a, e)));
      }
    }
    return differences;
  }

  private static Kind kind(List<SpecificRecord> actual, List<SpecificRecord> expected) {
    boolean sameEvents = counts(actual).keySet().equals(counts(expected).keySet());
    if (sameEvents && actual.size() > expected.size()) {
      return Kind.DOUBLED;
    }
    if (sameEvents && counts(actual).equals(counts(expected))) {
      return Kind.REORDERED;
    }
    if (actual.size() < expected.size() && expected.containsAll(actual)) {
      return Kind.MISSING_EVENT;
    }
    return Kind.CHANGED;
  }

  private static Map<SpecificRecord, Integer> counts(List<SpecificRecord> events) {
    Map<SpecificRecord, Integer> counts = new HashMap<>();
    events.forEach(e -> counts.merge(e, 1, Integer::sum));
    return counts;
  }

  /**
   * Alerts whose events do not alternate raised, cleared, raised, ...: each named once, with its
   * first break. Alert events are not compared with another run's (which events a condition passes
   * through depends on commit boundaries, see README "Alerts"), but within one run an event written
   * twice, or a step lost or moved, breaks the alternation.
   */
  static List<Difference> alternationBreaks(Map<String, List<SpecificRecord>> alertHistory) {
    List<Difference> breaks = new ArrayList<>();
    alertHistory.forEach(
        (id, events) -> {
          AlertState previous = null;
          for (SpecificRecord event : events) {
            AlertState state = ((Alert) event).getState();
            if (previous == null && state != AlertState.RAISED) {
              breaks.add(new Difference(id, Kind.STARTS_CLEARED));
              return;
            }
            if (Objects.equals(previous, state)) {
              breaks.add(new Difference(id, Kind.REPEATED_STATE));
              return;
            }
            previous = state;
          }
        });
    return breaks;
  }
}
