package io.tradewatch.broker;

import static io.tradewatch.broker.KafkaTestClients.readCommitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded cluster itself, on one broker, as a production client sees it. */
class EmbeddedKafkaClusterTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static EmbeddedKafkaCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = EmbeddedKafkaCluster.start(1);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void shouldReadBackIdempotentWritesWithAReadCommittedConsumer() throws Exception {
    // given
    String topic = unique("idempotent");
    cluster.createTopic(topic, 1);
    Properties props = clientProperties();
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");

    // when
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "KZ-BNS|KAZ|ARM|24", "1.50")).get();
      producer.send(new ProducerRecord<>(topic, "KZ-BNS|KAZ|ARM|27", "2.25")).get();
    }

    // then
    List<ConsumerRecord<String, String>> read =
        readCommitted(cluster.bootstrapServers(), unique("reader"), topic, 2);
    assertThat(read)
        .extracting(ConsumerRecord::key, ConsumerRecord::value, ConsumerRecord::offset)
        .containsExactly(
            tuple("KZ-BNS|KAZ|ARM|24", "1.50", 0L), tuple("KZ-BNS|KAZ|ARM|27", "2.25", 1L));
  }

  @Test
  void shouldCommitTransactionsOnASingleBroker() {
    // given a topic and a transactional producer: this hangs unless the transaction log fits one
    // broker
    String topic = unique("transactions");
    cluster.createTopic(topic, 1);
    Properties props = clientProperties();
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, unique("tx"));

    // when one transaction commits, one aborts, and a last one commits
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "aborted"));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed later"));
      producer.commitTransaction();
    }

    // then a read_committed consumer sees exactly the committed records, in order
    assertThat(readCommitted(cluster.bootstrapServers(), unique("reader"), topic, 2))
        .extracting(ConsumerRecord::value)
        .containsExactly("committed", "committed later");
  }

  @Test
  void shouldCreateEveryRegisteredTopicWithTheAskedPartitionsAndToleratesExistingOnes()
      throws Exception {
    // given
    Topics topics = Topics.withPrefix(unique("registry") + ".");
    Set<String> names = topics.all().stream().map(Topic::name).collect(Collectors.toSet());

    // when created twice (the second call must be a no-op, not a TopicExistsException)
    cluster.createTopics(topics.all(), 3);
    cluster.createTopics(topics.all(), 3);

    // then
    try (Admin admin = Admin.create(clientProperties())) {
      Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
      assertThat(described).containsOnlyKeys(names);
      assertThat(described.values())
          .allSatisfy(
              d -> {
                assertThat(d.partitions()).hasSize(3);
                assertThat(d.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
              });
    }
  }

  private static Properties clientProperties() {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    return props;
  }

  private static String unique(String base) {
    return base + "-" + IDS.incrementAndGet() + "-" + System.nanoTime();
  }
}
