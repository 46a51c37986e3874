package io.tradewatch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension other modules' integration tests use; runs on whichever broker it picked. */
class KafkaBrokerExtensionTest {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @Test
  void shouldGiveEachCallItsOwnTopicsAndIds() {
    // when
    Topics first = KAFKA.uniqueTopics();
    Topics second = KAFKA.uniqueTopics();

    // then
    assertThat(first.prefix()).isNotEqualTo(second.prefix()).matches("t\\d+-[0-9a-f]{8}\\.");
    assertThat(first.tradeRecords().name()).startsWith(first.prefix());
    assertThat(KAFKA.uniqueAppId("app")).startsWith("app-").isNotEqualTo(KAFKA.uniqueAppId("app"));
    assertThat(KAFKA.clientProperties())
        .containsEntry("bootstrap.servers", KAFKA.bootstrapServers());
  }

  @Test
  void shouldCreateUniqueTopicsReadyToUse() throws Exception {
    // given
    Topics topics = KAFKA.createUniqueTopics(2);
    Set<String> names = topics.all().stream().map(Topic::name).collect(Collectors.toSet());
    String topic = topics.targets().name();

    // when
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            KAFKA.clientProperties(), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "KZ-ARM-2030", "target")).get();
    }

    // then
    try (Admin admin = Admin.create(KAFKA.clientProperties())) {
      Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
      assertThat(described).containsOnlyKeys(names);
      assertThat(described.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(2));
    }
    assertThat(
            KafkaTestClients.readCommitted(
                KAFKA.bootstrapServers(), KAFKA.uniqueAppId("reader"), topic, 1))
        .extracting(r -> r.key() + "=" + r.value())
        .isEqualTo(List.of("KZ-ARM-2030=target"));
  }
}
