package io.tradewatch.local;

import io.tradewatch.avro.Release;
import io.tradewatch.avro.TradeRecord;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.schemas.Topics;
import io.tradewatch.schemas.WireHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiPredicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What a crashed run left on the broker about the reporter-months whose final figures it lacks: the
 * figures and release copies of those months on the inputs, and every changelog record of the
 * ledger's stores that concerns them, in offset order. Read after a test found figures missing, to
 * tell which store write a kill kept and which it lost.
 */
final class CrashForensics {
  /** The ledger's stores whose changelogs tell a month's way from its figures to its outputs. */
  private static final List<String> STORES =
      List.of(
          "release-sequencer-waiting",
          "release-latest-revisions",
          "trade-releases",
          "trade-pending-releases",
          "trade-awaiting-releases",
          "trade-series-index",
          "trade-series-years",
          "trade-pending-years",
          "trade-monthly-figures");

  private CrashForensics() {}

  /**
   * @param missingMonthly keys of {@code trade-monthly} the crashed run lacks
   *     (source|reporter|partner|hsGroup|YYYY-MM); the first three reporter-months are examined
   */
  static String report(
      Properties client, Topics topics, String appId, List<String> missingMonthly) {
    Set<String> months = new LinkedHashSet<>();
    Set<String> series = new LinkedHashSet<>();
    Set<String> pairs = new LinkedHashSet<>();
    for (String key : missingMonthly) {
      String[] p = key.split("\\|", -1);
      if (p.length == 5 && months.size() < 3) {
        months.add(String.join("|", p[0], p[1], p[4]));
        series.add(String.join("|", p[0], p[1], p[2], p[3]));
        pairs.add(String.join("|", p[0], p[1], p[2]));
      }
    }
    StringBuilder out = new StringBuilder();
    try {
      out.append("\ncommitted offsets of ").append(appId).append(": ");
      out.append(committed(client, appId)).append('\n');
      for (String month : months) {
        String[] m = month.split("\\|");
        String year = m[2].substring(0, 4);
        // Series index keys: source|reporter|year|partner|hsGroup
        List<String> indexed =
            pairs.stream()
                .map(pair -> pair.split("\\|"))
                .map(p -> String.join("|", p[0], p[1], year, p[2]) + "|")
                .toList();
        out.append("== ").append(month).append('\n');
        read(client, topics.releases().name())
            .forEach(
                r -> {
                  Release release = decoded(Serdes.RELEASE, r.value());
                  if (release != null && release.getReleaseKey().startsWith(month)) {
                    out.append(
                        String.format(
                            "release p%d@%d part %d/%d after %d rev %d partners %s%n",
                            r.partition(),
                            r.offset(),
                            release.getPart(),
                            release.getParts(),
                            release.getAfterOffset(),
                            release.getRevision(),
                            release.getPartners()));
                  }
                });
        read(client, topics.tradeRecords().name())
            .forEach(
                r -> {
                  TradeRecord t = decoded(Serdes.TRADE_RECORD, r.value());
                  if (t != null
                      && pairs.contains(
                          t.getSource() + "|" + t.getReporter() + "|" + t.getPartner())
                      && Integer.toString(t.getYear()).equals(year)) {
                    out.append(
                        String.format(
                            "figure p%d@%d %s rev %d %s%s%n",
                            r.partition(),
                            r.offset(),
                            t.getRecordKey(),
                            t.getRevision(),
                            t.getValueUsd(),
                            r.headers().lastHeader(WireHeaders.RELEASE_FOLLOWS) == null
                                ? ""
                                : " (release follows)"));
                  }
                });
        for (String store : STORES) {
          String changelog = appId + "-" + store + "-changelog";
          BiPredicate<String, byte[]> concerns =
              (key, value) ->
                  key.contains(month)
                      || indexed.stream().anyMatch(key::startsWith)
                      || series.stream().anyMatch(s -> key.startsWith(s + "|"))
                      || (value != null
                          && series.stream()
                              .anyMatch(
                                  s ->
                                      new String(value, StandardCharsets.ISO_8859_1)
                                          .contains(s + "|" + year)));
          for (ConsumerRecord<byte[], byte[]> r : read(client, changelog)) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (concerns.test(key, r.value())) {
              out.append(
                  String.format(
                      "%s p%d@%d %s = %s%n",
                      store,
                      r.partition(),
                      r.offset(),
                      key,
                      r.value() == null ? "tombstone" : r.value().length + " bytes"));
            }
          }
        }
      }
    } catch (RuntimeException e) {
      out.append("forensics failed: ").append(e);
    }
    return out.toString();
  }

  private static Map<TopicPartition, OffsetAndMetadata> committed(Properties client, String appId) {
    try (Admin admin = Admin.create(client)) {
      return admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Everything written to a topic, aborted transactions included. */
  private static List<ConsumerRecord<byte[], byte[]>> read(Properties client, String topic) {
    return RawRecords.readAll(client, topic, "read_uncommitted");
  }

  /** A value decoded, or null when it is not one (the inputs hold undecodable bytes too). */
  private static <T> T decoded(Deserializer<T> values, byte[] bytes) {
    try {
      return values.deserialize("", bytes);
    } catch (RuntimeException undecodable) {
      return null;
    }
  }
}
