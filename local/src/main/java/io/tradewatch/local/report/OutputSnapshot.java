package io.tradewatch.local.report;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.AlertState;
import io.tradewatch.avro.FdiAnnual;
import io.tradewatch.avro.MirrorGap;
import io.tradewatch.avro.Revision;
import io.tradewatch.avro.TargetProgress;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The final value of every key of every output topic, read with a plain consumer at {@code
 * read_committed} from the beginning to the current end. Keys are sorted, so two snapshots of the
 * same state print identically.
 */
public record OutputSnapshot(Map<String, SortedMap<String, SpecificRecord>> byTopic) {

  /** Reads every output topic of {@code topics}. */
  public static OutputSnapshot read(Properties clientProperties, Topics topics) {
    Map<String, SortedMap<String, SpecificRecord>> byTopic = new java.util.LinkedHashMap<>();
    for (Topic<String, ? extends SpecificRecord> topic : outputs(topics)) {
      byTopic.put(topic.name(), readTopic(clientProperties, topic));
    }
    return new OutputSnapshot(Collections.unmodifiableMap(byTopic));
  }

  /** The output topics in the order reports show them. */
  public static List<Topic<String, ? extends SpecificRecord>> outputs(Topics topics) {
    return List.of(
        topics.tradeAnnual(),
        topics.tradeMonthly(),
        topics.targetProgress(),
        topics.fdiAnnual(),
        topics.mirrorGaps(),
        topics.alerts(),
        topics.revisions());
  }

  static <V extends SpecificRecord> SortedMap<String, SpecificRecord> readTopic(
      Properties clientProperties, Topic<String, V> topic) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    SortedMap<String, SpecificRecord> values = new TreeMap<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .collect(Collectors.toCollection(ArrayList::new));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          values.put(record.key(), record.value());
        }
      }
    }
    return values;
  }

  public SortedMap<String, SpecificRecord> topic(Topic<String, ?> topic) {
    return byTopic.getOrDefault(topic.name(), new TreeMap<>());
  }

  @SuppressWarnings("unchecked")
  public <V extends SpecificRecord> SortedMap<String, V> values(Topic<String, V> topic) {
    return (SortedMap<String, V>) (SortedMap<String, ?>) topic(topic);
  }

  public TradeAnnual annual(Topics topics, String key) {
    return values(topics.tradeAnnual()).get(key);
  }

  public TradeMonthly monthly(Topics topics, String key) {
    return values(topics.tradeMonthly()).get(key);
  }

  public TargetProgress target(Topics topics, String key) {
    return values(topics.targetProgress()).get(key);
  }

  public FdiAnnual fdi(Topics topics, String key) {
    return values(topics.fdiAnnual()).get(key);
  }

  public MirrorGap mirror(Topics topics, String key) {
    return values(topics.mirrorGaps()).get(key);
  }

  /** Alerts whose latest event is RAISED. */
  public List<Alert> openAlerts(Topics topics) {
    return values(topics.alerts()).values().stream()
        .filter(a -> a.getState() == AlertState.RAISED)
        .toList();
  }

  public Revision revision(Topics topics, String key) {
    return values(topics.revisions()).get(key);
  }
}
