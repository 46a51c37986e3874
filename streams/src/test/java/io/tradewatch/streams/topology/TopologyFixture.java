package io.tradewatch.streams.topology;

import io.tradewatch.avro.FdiDirection;
import io.tradewatch.avro.FdiMeasure;
import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Frequency;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.RecordChecks;
import io.tradewatch.schemas.Releases;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import io.tradewatch.schemas.TradeFigures;
import io.tradewatch.schemas.WireHeaders;
import io.tradewatch.streams.app.AlertRulesFile;
import io.tradewatch.streams.app.StreamsSettings;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A {@link TopologyTestDriver} over the whole topology, with builders for input records. */
final class TopologyFixture implements AutoCloseable {
  static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);

  static final Duration EMIT_INTERVAL = Duration.ofMillis(200);

  final Topics topics = Topics.defaults();
  final TopologyTestDriver driver;
  final TestInputTopic<String, TradeRecord> trade;
  final TestInputTopic<String, FdiRecord> fdi;
  final TestInputTopic<String, TargetDefinition> targets;
  final TestInputTopic<String, Release> releases;

  TopologyFixture(Path stateDir) {
    this(stateDir, TradeLedger.RELEASE_BUDGET);
  }

  /**
   * @param releaseBudget how long an emission forwards the years of pending releases, at most
   */
  TopologyFixture(Path stateDir, Duration releaseBudget) {
    Properties props =
        StreamsSettings.defaults("unused:9092", stateDir)
            .withProcessingGuarantee("at_least_once")
            .toProperties();
    driver =
        new TopologyTestDriver(
            TradewatchTopology.build(
                topics,
                new RecordChecks(NOW),
                new BigDecimal("1.10"),
                AlertRulesFile.defaults(),
                EMIT_INTERVAL,
                releaseBudget),
            props);
    trade = input(topics.tradeRecords());
    fdi = input(topics.fdiRecords());
    targets = input(topics.targets());
    releases = input(topics.releases());
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return driver.createInputTopic(
        topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  /** The final value of every key of an output topic. */
  <V> Map<String, V> finalValues(Topic<String, V> topic) {
    return output(topic).readKeyValuesToMap();
  }

  /**
   * Publishes figures as the producers do a file: the figures, each saying that its month's release
   * follows, then the releases of their months (which the figures need to count).
   */
  void publish(TradeRecord... records) {
    for (TradeRecord r : records) {
      pipe(r, true);
      driver.advanceWallClockTime(EMIT_INTERVAL);
    }
    Releases months = new Releases();
    RecordChecks checks = new RecordChecks(NOW);
    for (TradeRecord r : records) {
      // The producers release only the figures they publish: rejected rows never reach a topic.
      if (checks.check(r).isEmpty()) {
        months.add(r);
      }
    }
    release(months.releases());
  }

  /**
   * Publishes figures without releasing their months and without saying that a release follows
   * (another producer's figures, whose release may or may not come).
   */
  void publishUnreleased(TradeRecord... records) {
    for (TradeRecord r : records) {
      pipe(r, false);
      // Trade figures are emitted by a wall-clock punctuation: let one interval pass per record,
      // as if records arrived one by one.
      driver.advanceWallClockTime(EMIT_INTERVAL);
    }
  }

  /**
   * One figure onto the input topic, as the producers write it.
   *
   * @param releaseFollows with the header that promises its month's release (monthly figures only)
   */
  void pipe(TradeRecord r, boolean releaseFollows) {
    pipe(Keys.tradeMessageKey(r), r, releaseFollows);
  }

  /** As {@link #pipe(TradeRecord, boolean)}, under another message key. */
  void pipe(String key, TradeRecord r, boolean releaseFollows) {
    pipe(key, r, releaseFollows, new RecordHeaders());
  }

  /**
   * One figure that its producer published at {@code publishedAt} (epoch ms), without a release.
   */
  void pipePublishedAt(TradeRecord r, long publishedAt) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        WireHeaders.PUBLISHED_AT, Long.toString(publishedAt).getBytes(StandardCharsets.UTF_8));
    pipe(Keys.tradeMessageKey(r), r, false, headers);
  }

  private void pipe(String key, TradeRecord r, boolean releaseFollows, RecordHeaders headers) {
    if (releaseFollows && r.getMonth() != null) {
      headers.add(WireHeaders.RELEASE_FOLLOWS, new byte[0]);
    }
    trade.pipeInput(
        new TestRecord<>(key, r, headers, Instant.ofEpochMilli(Keys.tradeTimestamp(r))));
  }

  void release(List<Release> months) {
    for (Release r : months) {
      releases.pipeInput(Keys.releaseMessageKey(r), r, Keys.releaseTimestamp(r));
      driver.advanceWallClockTime(EMIT_INTERVAL);
    }
  }

  /** A release of one month of KZ-BNS's figures for Armenia. */
  static Release kzRelease(int year, int month, int revision, Flow... flows) {
    List<Flow> list = List.of(flows);
    List<String> partners = List.of("ARM");
    return Release.newBuilder()
        .setReleaseKey(Keys.releaseKey("KZ-BNS", "KAZ", year, month, list, partners))
        .setRevision(revision)
        .setSource("KZ-BNS")
        .setReporter("KAZ")
        .setYear(year)
        .setMonth(month)
        .setFlows(list)
        .setPartners(partners)
        .setRows(0)
        .build();
  }

  void publish(List<TradeRecord> records) {
    publish(records.toArray(TradeRecord[]::new));
  }

  void publish(FdiRecord r) {
    fdi.pipeInput(Keys.fdiMessageKey(r), r, Keys.fdiTimestamp(r));
  }

  void publish(TargetDefinition t) {
    targets.pipeInput(Keys.targetMessageKey(t), t, Keys.targetTimestamp(t));
  }

  static TradeRecord kz(Flow flow, int year, Integer month, String hs, String usd) {
    return trade("KZ-BNS", "KAZ", "ARM", flow, year, month, hs, usd, 1);
  }

  static TradeRecord trade(
      String source,
      String reporter,
      String partner,
      Flow flow,
      int year,
      Integer month,
      String hs,
      String usd,
      int revision) {
    return TradeFigures.of(new TradeFigures.Cell(source, reporter, partner, flow, year, month, hs))
        .setRevision(revision)
        .setValueUsd(new BigDecimal(usd))
        .build();
  }

  static TradeRecord revised(TradeRecord r, int revision, String usd) {
    return TradeRecord.newBuilder(r).setRevision(revision).setValueUsd(new BigDecimal(usd)).build();
  }

  static FdiRecord fdi(FdiDirection direction, int year, Integer quarter, String usd) {
    return FdiRecord.newBuilder()
        .setRecordKey(
            Keys.fdiRecordKey(
                "KZ-NBK",
                "KAZ",
                "ARM",
                direction.name(),
                FdiMeasure.GROSS_INFLOW.name(),
                year,
                quarter))
        .setRevision(1)
        .setSource("KZ-NBK")
        .setReporter("KAZ")
        .setCounterpart("ARM")
        .setDirection(direction)
        .setMeasure(FdiMeasure.GROSS_INFLOW)
        .setFrequency(quarter == null ? Frequency.A : Frequency.Q)
        .setYear(year)
        .setQuarter(quarter)
        .setValueUsd(new BigDecimal(usd))
        .build();
  }

  static TargetDefinition target(String usd, int baseYear, Integer deadline, String... hs) {
    return TargetDefinition.newBuilder()
        .setTargetId("KZ-ARM-TEST")
        .setRevision(1)
        .setName("test export list")
        .setSource("KZ-BNS")
        .setReporter("KAZ")
        .setPartner("ARM")
        .setFlow(Flow.X)
        .setHsCodes(List.of(hs))
        .setTargetUsd(new BigDecimal(usd))
        .setBaseYear(baseYear)
        .setDeadlineYear(deadline)
        .build();
  }

  @Override
  public void close() {
    driver.close();
  }
}
