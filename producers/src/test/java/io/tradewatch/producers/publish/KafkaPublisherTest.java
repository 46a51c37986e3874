package io.tradewatch.producers.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.TradeRecord;
import io.tradewatch.producers.read.InputFormat;
import io.tradewatch.producers.read.ReaderOptions;
import io.tradewatch.schemas.RecordChecks;
import io.tradewatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaPublisherTest {
  private final Topics topics = Topics.defaults();
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final KafkaPublisher publisher =
      new KafkaPublisher(
          producer,
          topics,
          new RecordChecks(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC)));

  @TempDir Path dir;

  @Test
  void publishesGoodRowsKeyedBySeriesAndStampedWithThePeriodAndDeadLettersBadOnes()
      throws Exception {
    Path file = dir.resolve("trade.csv");
    Files.writeString(
        file,
        "source,reporter,partner,flow,period,hs_code,value_usd\n"
            + "KZ-BNS,KAZ,ARM,X,2023-07,2402,1000.00\n"
            + "KZ-BNS,KAZ,ARM,X,2023-07,2402,oops\n"
            + "KZ-BNS,KAZ,ARM,M,2019,TOTAL,5.00\n");

    PublishReport report =
        publisher.publish(file, InputFormat.TRADE, ReaderOptions.defaults(), 0, false);

    assertThat(report.published()).isEqualTo(2);
    assertThat(report.rejected()).isEqualTo(1);
    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    ProducerRecord<byte[], byte[]> first = sent.get(0);
    assertThat(first.topic()).isEqualTo(topics.tradeRecords().name());
    assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("KZ-BNS|KAZ|ARM|24");
    assertThat(first.timestamp())
        .isEqualTo(
            LocalDate.of(2023, 7, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    TradeRecord decoded =
        topics.tradeRecords().valueSerde().deserializer().deserialize(first.topic(), first.value());
    assertThat(decoded.getValueUsd()).isEqualByComparingTo("1000.00");

    ProducerRecord<byte[], byte[]> dead = sent.get(1);
    assertThat(dead.topic()).isEqualTo(topics.deadLetter().name());
    assertThat(header(dead, KafkaPublisher.HEADER_LINE)).isEqualTo("3");
    assertThat(header(dead, KafkaPublisher.HEADER_FILE)).isEqualTo("trade.csv");
    assertThat(header(dead, KafkaPublisher.HEADER_REASON)).contains("value_usd").contains("oops");
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("oops");

    assertThat(new String(sent.get(2).key(), StandardCharsets.UTF_8))
        .isEqualTo("KZ-BNS|KAZ|ARM|TOTAL");
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
