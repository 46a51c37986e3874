package io.tradewatch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A cluster of its own: stopping its only broker must not disturb other tests. */
class EmbeddedKafkaClusterRestartTest {
  @Test
  void shouldKeepRecordsAndAddressAcrossABrokerRestart() throws Exception {
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(1)) {
      // given a record written before the restart
      String bootstrap = cluster.bootstrapServers();
      cluster.createTopic("restart", 1);
      Properties props = new Properties();
      props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("restart", "k", "before")).get();
      }

      // when
      cluster.stopBroker(0);
      cluster.restartBroker(0);

      // then
      assertThat(cluster.bootstrapServers()).isEqualTo(bootstrap);
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("restart", "k", "after")).get();
      }
      assertThat(KafkaTestClients.readCommitted(bootstrap, "restart-reader", "restart", 2))
          .extracting(ConsumerRecord::value)
          .containsExactly("before", "after");
    }
  }
}
