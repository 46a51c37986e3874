package io.tradewatch.schemas;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.FdiAnnual;
import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.MirrorGap;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.Revision;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TargetProgress;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.avro.TradeRecord;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;

/**
 * The one typed registry of tradewatch topics: name, key serde and value serde. No other class
 * spells a topic name.
 *
 * <p>All names share a prefix ({@code tradewatch.} by default) so that tests, replays and several
 * deployments on one cluster never collide.
 */
public final class Topics {
  public static final String DEFAULT_PREFIX = "tradewatch.";
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");

  private final String prefix;
  private final Topic<String, TradeRecord> tradeRecords;
  private final Topic<String, FdiRecord> fdiRecords;
  private final Topic<String, TargetDefinition> targets;
  private final Topic<String, Release> releases;
  private final Topic<String, TradeMonthly> tradeMonthly;
  private final Topic<String, TradeAnnual> tradeAnnual;
  private final Topic<String, TargetProgress> targetProgress;
  private final Topic<String, FdiAnnual> fdiAnnual;
  private final Topic<String, MirrorGap> mirrorGaps;
  private final Topic<String, Alert> alerts;
  private final Topic<String, Revision> revisions;
  private final Topic<byte[], byte[]> deadLetter;

  private final String outputPrefix;

  private Topics(String prefix, String outputPrefix) {
    this.prefix = legal(prefix);
    this.outputPrefix = legal(outputPrefix);
    tradeRecords =
        topic(
            "trade-records",
            Serdes.TRADE_RECORD,
            "Customs figures as published, keyed by series (source|reporter|partner|HS chapter)");
    fdiRecords =
        topic(
            "fdi-records",
            Serdes.FDI_RECORD,
            "FDI figures as published, keyed by series (source|reporter|counterpart|direction|measure)");
    targets = topic("targets", Serdes.TARGET_DEFINITION, "Target definitions, keyed by target id");
    releases =
        topic(
            "releases",
            Serdes.RELEASE,
            "Monthly releases (which months and flows of a reporter are known), keyed source|reporter");
    tradeMonthly =
        output(
            "trade-monthly",
            Serdes.TRADE_MONTHLY,
            "Monthly, YTD and T12M figures with YoY, keyed source|reporter|partner|hsGroup|YYYY-MM");
    tradeAnnual =
        output(
            "trade-annual",
            Serdes.TRADE_ANNUAL,
            "Annual figures with YoY and 5-year multiple, keyed source|reporter|partner|hsGroup|YYYY");
    targetProgress =
        output(
            "target-progress",
            Serdes.TARGET_PROGRESS,
            "Progress of each target per year, keyed targetId|YYYY");
    fdiAnnual =
        output(
            "fdi-annual",
            Serdes.FDI_ANNUAL,
            "Annual and cumulative FDI, keyed source|reporter|counterpart|direction|measure|YYYY");
    mirrorGaps =
        output(
            "mirror-gaps",
            Serdes.MIRROR_GAP,
            "Exporter-reported exports next to importer-reported imports, keyed"
                + " exporterSource|exporter|importerSource|importer|hsGroup|YYYY");
    alerts =
        output(
            "alerts",
            Serdes.ALERT,
            "Alerts raised and cleared, keyed by alert id (rule|subject|period)");
    revisions =
        output(
            "revisions",
            Serdes.REVISION,
            "Revised figures (first, previous and new value), keyed by record key");
    deadLetter =
        new Topic<>(
            outputPrefix + "dead-letter",
            Serdes.BYTES,
            Serdes.BYTES,
            "Rejected records: original key and value bytes, headers naming topic, partition, offset"
                + " and reason",
            Topic.STAMPED_WHEN_WRITTEN);
  }

  public static Topics defaults() {
    return new Topics(DEFAULT_PREFIX, DEFAULT_PREFIX);
  }

  public static Topics withPrefix(String prefix) {
    return new Topics(prefix, prefix);
  }

  /**
   * The same inputs with outputs (and dead letters) under another prefix: a replay writes beside
   * the live outputs, e.g. {@code tradewatch.replay-2.trade-monthly}.
   */
  public Topics withOutputPrefix(String outputPrefix) {
    return new Topics(prefix, outputPrefix);
  }

  private static String legal(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (!LEGAL.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "Topic prefix '" + prefix + "' may only hold letters, digits, '.', '_' and '-'");
    }
    return prefix;
  }

  private <V> Topic<String, V> topic(String name, Serde<V> valueSerde, String description) {
    return new Topic<>(prefix + name, Serdes.STRING, valueSerde, description, Topic.KEEP_FOREVER);
  }

  private <V> Topic<String, V> output(String name, Serde<V> valueSerde, String description) {
    return new Topic<>(
        outputPrefix + name, Serdes.STRING, valueSerde, description, Topic.LATEST_PER_KEY);
  }

  public String prefix() {
    return prefix;
  }

  public String outputPrefix() {
    return outputPrefix;
  }

  public Topic<String, TradeRecord> tradeRecords() {
    return tradeRecords;
  }

  public Topic<String, FdiRecord> fdiRecords() {
    return fdiRecords;
  }

  public Topic<String, TargetDefinition> targets() {
    return targets;
  }

  public Topic<String, Release> releases() {
    return releases;
  }

  public Topic<String, TradeMonthly> tradeMonthly() {
    return tradeMonthly;
  }

  public Topic<String, TradeAnnual> tradeAnnual() {
    return tradeAnnual;
  }

  public Topic<String, TargetProgress> targetProgress() {
    return targetProgress;
  }

  public Topic<String, FdiAnnual> fdiAnnual() {
    return fdiAnnual;
  }

  public Topic<String, MirrorGap> mirrorGaps() {
    return mirrorGaps;
  }

  public Topic<String, Alert> alerts() {
    return alerts;
  }

  public Topic<String, Revision> revisions() {
    return revisions;
  }

  public Topic<byte[], byte[]> deadLetter() {
    return deadLetter;
  }

  /** Topics the producers write and the topology reads. */
  public List<Topic<?, ?>> inputs() {
    return List.of(tradeRecords, fdiRecords, targets, releases);
  }

  /** Topics the topology writes. */
  public List<Topic<?, ?>> outputs() {
    return List.of(
        tradeMonthly, tradeAnnual, targetProgress, fdiAnnual, mirrorGaps, alerts, revisions);
  }

  /** Every topic, inputs, outputs and the dead-letter topic. */
  public List<Topic<?, ?>> all() {
    return List.of(
        tradeRecords,
        fdiRecords,
        targets,
        releases,
        tradeMonthly,
        tradeAnnual,
        targetProgress,
        fdiAnnual,
        mirrorGaps,
        alerts,
        revisions,
        deadLetter);
  }
}
