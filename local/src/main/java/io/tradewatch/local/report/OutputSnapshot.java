package io.tradewatch.local.report;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.AlertState;
import io.tradewatch.avro.FdiAnnual;
import io.tradewatch.avro.MirrorGap;
import io.tradewatch.avro.Revision;
import io.tradewatch.avro.TargetProgress;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.schemas.CommittedReads;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The final value of every key of every output topic, read with a plain consumer at {@code
 * read_committed} from the beginning to the current end. Keys are sorted, so two snapshots of the
 * same state print identically.
 */
public record OutputSnapshot(Map<String, SortedMap<String, SpecificRecord>> byTopic) {

  /**
   * Reads every output topic of {@code topics}, with one consumer for all of them: a consumer per
   * topic paid its start-up and its last fetch seven times, about half a second each.
   */
  public static OutputSnapshot read(Properties clientProperties, Topics topics) {
    Map<String, Reader> readers = new LinkedHashMap<>();
    for (Topic<String, ? extends SpecificRecord> topic : outputs(topics)) {
      readers.put(topic.name(), new Reader(topic));
    }
    Properties props = CommittedReads.consumerProperties(clientProperties);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String name : readers.keySet()) {
        consumer.partitionsFor(name, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .forEach(partitions::add);
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          readers.get(record.topic()).add(record);
        }
      }
    }
    Map<String, SortedMap<String, SpecificRecord>> byTopic = new LinkedHashMap<>();
    readers.forEach((name, reader) -> byTopic.put(name, reader.latest));
    return new OutputSnapshot(Collections.unmodifiableMap(byTopic));
  }

  /** The final value of each key of one topic, decoded with that topic's serdes. */
  private static final class Reader {
    private final Deserializer<String> keys;
    private final Deserializer<? extends SpecificRecord> values;
    private final SortedMap<String, SpecificRecord> latest = new TreeMap<>();

    Reader(Topic<String, ? extends SpecificRecord> topic) {
      this.keys = topic.keySerde().deserializer();
      this.values = topic.valueSerde().deserializer();
    }

    void add(ConsumerRecord<byte[], byte[]> record) {
      latest.put(
          keys.deserialize(record.topic(), record.headers(), record.key()),
          values.deserialize(record.topic(), record.headers(), record.value()));
    }
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
