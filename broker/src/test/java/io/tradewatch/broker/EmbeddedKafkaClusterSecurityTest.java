package io.tradewatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded cluster's SASL and TLS listeners, as a production client configured for them. */
class EmbeddedKafkaClusterSecurityTest {
  private static final String PASSWORD = "alice-" + UUID.randomUUID();
  private static final AtomicInteger IDS = new AtomicInteger();

  @TempDir static Path dir;
  private static TestCertificates tls;
  private static EmbeddedKafkaCluster cluster;

  @BeforeAll
  static void startSecuredCluster() throws Exception {
    tls = TestCertificates.generate(dir);
    cluster =
        EmbeddedKafkaCluster.start(
            1,
            SecureListeners.none()
                .withSaslUser("alice", PASSWORD)
                .withTls(tls.keyStore(), tls.keyStorePassword()));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldWriteAndReadOverSaslPlainWithTheUsersPassword() throws Exception {
    assertRoundTrip(sasl("PLAIN", "alice", PASSWORD));
  }

  @Test
  void shouldWriteAndReadOverScramSha512WithTheUsersPassword() throws Exception {
    assertRoundTrip(sasl("SCRAM-SHA-512", "alice", PASSWORD));
  }

  @Test
  void shouldRejectAWrongPasswordWithAnAuthenticationErrorNotATimeout() {
    for (String mechanism : List.of("PLAIN", "SCRAM-SHA-512")) {
      Properties wrong = sasl(mechanism, "alice", "not-" + PASSWORD);

      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () -> {
            try (Admin admin = Admin.create(wrong)) {
              assertThatThrownBy(
                      () -> admin.describeCluster().clusterId().get(15, TimeUnit.SECONDS))
                  .as(mechanism)
                  .hasCauseInstanceOf(SaslAuthenticationException.class)
                  .hasMessageContaining("Authentication failed");
            }
          });
    }
  }

  @Test
  void shouldWriteAndReadOverTlsTrustingTheGeneratedCertificate() throws Exception {
    assertRoundTrip(tlsClient());
  }

  @Test
  void shouldRefuseTlsWhenTheClientDoesNotTrustTheCertificate() {
    Properties untrusting = new Properties();
    untrusting.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.tlsBootstrapServers());
    untrusting.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");

    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          try (Admin admin = Admin.create(untrusting)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(15, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SslAuthenticationException.class);
          }
        });
  }

  @Test
  void shouldNameUsersButNeverPasswordsWhenPrinted() {
    SecureListeners secure =
        SecureListeners.none()
            .withSaslUser("alice", PASSWORD)
            .withTls(tls.keyStore(), tls.keyStorePassword());

    assertThat(secure.toString())
        .contains("alice")
        .doesNotContain(PASSWORD)
        .doesNotContain(tls.keyStorePassword());
    assertThat(tls.toString()).doesNotContain(tls.keyStorePassword(), tls.trustStorePassword());
  }

  private static Properties sasl(String mechanism, String user, String password) {
    String module =
        mechanism.equals("PLAIN")
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.saslBootstrapServers());
    p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    p.put(SaslConfigs.SASL_MECHANISM, mechanism);
    p.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        module + " required username=\"" + user + "\" password=\"" + password + "\";");
    return p;
  }

  private static Properties tlsClient() {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.tlsBootstrapServers());
    p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
    p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
    p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.trustStore().toString());
    p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, tls.trustStorePassword());
    return p;
  }

  /** Creates a topic over the secured listener, writes two records and reads them back. */
  private static void assertRoundTrip(Properties client) throws Exception {
    String topic = "secured-" + IDS.incrementAndGet();
    try (Admin admin = Admin.create(client)) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "KZ-BNS|KAZ|ARM|2023", "33300000.00")).get();
      producer.send(new ProducerRecord<>(topic, "AM-ARMSTAT|ARM|KAZ|2023", "71300000.00")).get();
    }
    Properties consumerProps = new Properties();
    consumerProps.putAll(client);
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInSameThread()
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                return read.size() >= 2;
              });
    }
    assertThat(read)
        .extracting(ConsumerRecord::key, ConsumerRecord::value)
        .containsExactly(
            tuple("KZ-BNS|KAZ|ARM|2023", "33300000.00"),
            tuple("AM-ARMSTAT|ARM|KAZ|2023", "71300000.00"));
  }
}
