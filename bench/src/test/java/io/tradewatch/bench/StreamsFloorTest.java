package io.tradewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Frequency;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class StreamsFloorTest {
  private static final Topic<String, TradeRecord> INPUT = Topics.withPrefix("t.").tradeRecords();

  @Test
  void sumsMonthlyExportsAndImportsPerSeriesMonthInTheChapterAndInTotal() {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "floor-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver driver = new TopologyTestDriver(StreamsFloor.topology(INPUT), config)) {
      TestInputTopic<String, TradeRecord> input =
          driver.createInputTopic(
              INPUT.name(), INPUT.keySerde().serializer(), INPUT.valueSerde().serializer());

      // given two grape exports and a wine export in one month, and records the baseline skips
      for (TradeRecord r :
          new TradeRecord[] {
            record(Flow.X, 7, "080610", "10.25"),
            record(Flow.X, 7, "0806", "5.00"),
            record(Flow.X, 7, "2204", "1.00"),
            record(Flow.M, 7, "TOTAL", "3.50"),
            record(Flow.X, null, "TOTAL", "999.00"),
            record(Flow.RX, 7, "0806", "999.00")
          }) {
        input.pipeInput(Keys.tradeMessageKey(r), r);
      }

      // then the store holds the baseline's sums: per chapter, and every chapter again in TOTAL
      KeyValueStore<String, BigDecimal> sums = driver.getKeyValueStore(StreamsFloor.STORE);
      Map<String, BigDecimal> all = new TreeMap<>();
      sums.all().forEachRemaining(kv -> all.put(kv.key, kv.value));
      assertThat(all)
          .containsOnly(
              Map.entry("KZ-BNS|KAZ|ARM|08|2023-07|X", new BigDecimal("15.25")),
              Map.entry("KZ-BNS|KAZ|ARM|22|2023-07|X", new BigDecimal("1.00")),
              Map.entry("KZ-BNS|KAZ|ARM|TOTAL|2023-07|X", new BigDecimal("16.25")),
              Map.entry("KZ-BNS|KAZ|ARM|TOTAL|2023-07|M", new BigDecimal("3.50")));
    }
  }

  private static TradeRecord record(Flow flow, Integer month, String hs, String usd) {
    return TradeRecord.newBuilder()
        .setRecordKey(Keys.tradeRecordKey("KZ-BNS", "KAZ", "ARM", flow.name(), 2023, month, hs))
        .setRevision(1)
        .setSource("KZ-BNS")
        .setReporter("KAZ")
        .setPartner("ARM")
        .setFlow(flow)
        .setFrequency(month == null ? Frequency.A : Frequency.M)
        .setYear(2023)
        .setMonth(month)
        .setHsCode(hs)
        .setHsLevel(hs.equals("TOTAL") ? 0 : hs.length())
        .setValueUsd(new BigDecimal(usd))
        .build();
  }
}
