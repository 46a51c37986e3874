package io.tradewatch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedKafkaClusterTest {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @Test
  void createsEveryRegisteredTopicWithTheAskedPartitions() throws Exception {
    Topics topics = KAFKA.createUniqueTopics(3);

    try (Admin admin = Admin.create(KAFKA.clientProperties())) {
      Set<String> names = topics.all().stream().map(Topic::name).collect(Collectors.toSet());
      Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();

      assertThat(described).hasSameSizeAs(names);
      assertThat(described.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(3));
    }
  }

  @Test
  void transactionalWritesAreReadBackCommitted() {
    Topics topics = KAFKA.createUniqueTopics(1);
    String topic = topics.tradeRecords().name();
    Properties producerProps = KAFKA.clientProperties();
    producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, KAFKA.uniqueAppId("tx"));

    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "KZ-BNS|KAZ|ARM|24", "committed"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "KZ-BNS|KAZ|ARM|24", "aborted"));
      producer.abortTransaction();
    }

    assertThat(readCommitted(topic, 1)).containsExactly("committed");
  }

  private static List<String> readCommitted(String topic, int expected) {
    Properties props = KAFKA.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, KAFKA.uniqueAppId("reader"));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
        if (values.size() >= expected) {
          // one more poll: an aborted record would show up now if isolation were wrong
          consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
          break;
        }
      }
    }
    return values;
  }
}
