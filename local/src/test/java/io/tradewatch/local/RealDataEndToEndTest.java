package io.tradewatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.broker.KafkaBrokerExtension;
import io.tradewatch.local.report.OutputSnapshot;
import io.tradewatch.local.run.ClusterConnection;
import io.tradewatch.local.run.LocalPipeline;
import io.tradewatch.producers.publish.KafkaPublisher;
import io.tradewatch.producers.publish.PublishReport;
import io.tradewatch.producers.read.InputFormat;
import io.tradewatch.producers.read.ReaderOptions;
import io.tradewatch.schemas.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real statistics on a real broker: files loaded in either order give the same alert events, and a
 * figure whose growth cannot be represented stops nothing.
 */
class RealDataEndToEndTest {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @TempDir Path dir;

  private static final String COMTRADE_HEADER =
      "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,flowCode,"
          + "partnerCode,partnerISO,partner2Code,cmdCode,customsCode,motCode,primaryValue\n";

  /** A year of UN Comtrade monthly rows of Kazakhstan's trade with Armenia. */
  private Path comtradeYear(int year, BigDecimal factor) throws Exception {
    StringBuilder csv = new StringBuilder(COMTRADE_HEADER);
    for (int month = 1; month <= 12; month++) {
      BigDecimal exports =
          new BigDecimal(2_000_000 + 50_000 * month)
              .multiply(factor)
              .setScale(2, RoundingMode.HALF_EVEN);
      BigDecimal imports =
          new BigDecimal(1_200_000 + 30_000 * month)
              .multiply(factor)
              .setScale(2, RoundingMode.HALF_EVEN);
      String period = year + (month < 10 ? "0" : "") + month;
      for (String[] flow :
          new String[][] {{"X", exports.toPlainString()}, {"M", imports.toPlainString()}}) {
        csv.append(
                String.join(
                    ",",
                    "C",
                    "M",
                    period,
                    Integer.toString(year),
                    Integer.toString(month),
                    period,
                    "398",
                    "KAZ",
                    flow[0],
                    "51",
                    "ARM",
                    "0",
                    "TOTAL",
                    "C00",
                    "0",
                    flow[1]))
            .append('\n');
      }
    }
    Path file = dir.resolve("comtrade-kaz-arm-" + year + ".csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }

  private static LocalPipeline start() throws InterruptedException {
    return LocalPipeline.start(
        new ClusterConnection(KAFKA.bootstrapServers(), Map.of()),
        KAFKA.uniqueAppId("real-data"),
        KAFKA.uniqueTopics().prefix(),
        3,
        s -> s);
  }

  private record Run(
      OutputSnapshot outputs, List<String> alertEvents, List<PublishReport> reports) {}

  private static Run load(List<Path> files) throws Exception {
    try (LocalPipeline pipeline = start()) {
      List<PublishReport> reports = new ArrayList<>();
      try (KafkaPublisher publisher =
          KafkaPublisher.create(pipeline.clientProperties(), pipeline.topics())) {
        for (Path file : files) {
          reports.add(publisher.publish(file, InputFormat.detect(file), ReaderOptions.defaults()));
        }
      }
      OutputSnapshot outputs = pipeline.awaitOutputs(Duration.ofMinutes(3), remaining -> {});
      return new Run(outputs, alertEvents(pipeline.clientProperties(), pipeline.topics()), reports);
    }
  }

  /** Every event on the alerts topic, in the order of each alert's partition. */
  private static List<String> alertEvents(Properties client, Topics topics) {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> events = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      String topic = topics.alerts().name();
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Alert a = topics.alerts().valueSerde().deserializer().deserialize(topic, r.value());
          events.add(a.getState() + " " + a.getAlertId());
        }
      }
    }
    return events.stream().sorted().toList();
  }

  @Test
  void givenTwoYearlyComtradeFilesUpByThirteenPercent_whenLoadedInEitherOrder_thenNoAlertInEither()
      throws Exception {
    Path y2021 = comtradeYear(2021, BigDecimal.ONE);
    Path y2022 = comtradeYear(2022, new BigDecimal("1.137"));

    Run forwards = load(List.of(y2021, y2022));
    Run backwards = load(List.of(y2022, y2021));

    assertThat(forwards.alertEvents())
        .as("+13.7 %% is inside every threshold: nothing raised while 2022 was half loaded")
        .isEmpty();
    assertThat(backwards.alertEvents()).isEqualTo(forwards.alertEvents());
    TradeAnnual annual2022 = onlyAnnual(forwards.outputs(), "UNCOMTRADE-KAZ|KAZ|ARM|TOTAL|2022");
    assertThat(annual2022.getTurnoverYoyPct()).isEqualByComparingTo("13.7000");
    assertThat(annual2022.getExportsComplete()).isTrue();
    assertThat(onlyAnnual(backwards.outputs(), "UNCOMTRADE-KAZ|KAZ|ARM|TOTAL|2022"))
        .isEqualTo(annual2022);
  }

  @Test
  void
      givenAGrowthBeyondItsDecimalAndAnotherFile_whenLoaded_thenNullWithTheReasonAndTheOtherFileComplete()
          throws Exception {
    Path huge = dir.resolve("huge.csv");
    Files.writeString(
        huge,
        "source,reporter,partner,flow,period,hs_code,value_usd\n"
            + "P15-HUGE,KAZ,UZB,X,2022-01,27,1.00\n"
            + "P15-HUGE,KAZ,UZB,X,2023-01,27,200000000.00\n"
            + "P15-HUGE,KAZ,UZB,M,2022-01,27,600000000000000000.00\n",
        StandardCharsets.UTF_8);
    Path turkey = dir.resolve("armenia-turkey.csv");
    StringBuilder csv =
        new StringBuilder("source,reporter,partner,flow,period,hs_code,value_usd\n");
    String[] months = {"14000000.00", "15500000.00", "16000000.00", "14800000.00", "15800000.00"};
    for (int m = 1; m <= 5; m++) {
      csv.append("AM-ARMSTAT,ARM,TUR,M,2022-0").append(m).append(",TOTAL,").append(months[m - 1]);
      csv.append('\n');
    }
    Files.writeString(turkey, csv, StandardCharsets.UTF_8);

    Run run = load(List.of(huge, turkey));

    TradeMonthly jan2023 = onlyMonthly(run.outputs(), "P15-HUGE|KAZ|UZB|27|2023-01");
    assertThat(jan2023.getExportsUsd()).isEqualTo(new BigDecimal("200000000.00"));
    assertThat(jan2023.getExportsYoyPct()).isNull();
    assertThat(jan2023.getNullReasons().get("exportsYoyPct"))
        .isEqualTo("growth of 19999999900.0000 is beyond what can be represented (10^10)");
    assertThat(run.reports().get(0).rejected()).isEqualTo(1);
    assertThat(run.reports().get(0).firstRejections().get(0).reason())
        .contains("above the largest trade figure accepted");
    TradeAnnual turkey2022 = onlyAnnual(run.outputs(), "AM-ARMSTAT|ARM|TUR|TOTAL|2022");
    assertThat(turkey2022.getImportsUsd()).isEqualTo(new BigDecimal("76100000.00"));
    assertThat(turkey2022.getImportsMonthsCovered()).isEqualTo(5);
    assertThat(turkey2022.getImportsComplete()).isFalse();
  }

  private static TradeAnnual onlyAnnual(OutputSnapshot snapshot, String key) {
    return (TradeAnnual) find(snapshot, "trade-annual", key);
  }

  private static TradeMonthly onlyMonthly(OutputSnapshot snapshot, String key) {
    return (TradeMonthly) find(snapshot, "trade-monthly", key);
  }

  private static Object find(OutputSnapshot snapshot, String output, String key) {
    Object value =
        snapshot.byTopic().entrySet().stream()
            .filter(e -> e.getKey().endsWith("." + output))
            .findFirst()
            .orElseThrow()
            .getValue()
            .get(key);
    assertThat(value).as("%s %s", output, key).isNotNull();
    return value;
  }
}
