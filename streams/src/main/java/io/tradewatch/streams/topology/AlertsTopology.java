package io.tradewatch.streams.topology;

import io.tradewatch.avro.Alert;
import io.tradewatch.avro.AlertState;
import io.tradewatch.avro.MirrorGap;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.Revision;
import io.tradewatch.avro.TargetProgress;
import io.tradewatch.avro.TradeAnnual;
import io.tradewatch.avro.TradeMonthly;
import io.tradewatch.avro.internal.SeriesActivity;
import io.tradewatch.schemas.Keys;
import io.tradewatch.schemas.Serdes;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.domain.alerts.RuleBook;
import io.tradewatch.streams.query.QueryableStores;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Alerts: the rules evaluated on the output figures give candidate alerts (RAISED while the
 * condition holds, CLEARED when not), which meet by alert id in {@link AlertLifecycle} to become
 * events on the alerts topic; the alerts currently raised are queryable as {@link
 * QueryableStores#OPEN_ALERTS}.
 */
final class AlertsTopology {
  private final Topics topics;
  private final RuleBook rules;
  private final AlertCandidates candidates;

  AlertsTopology(Topics topics, RuleBook rules) {
    this.topics = topics;
    this.rules = rules;
    this.candidates = new AlertCandidates(rules);
  }

  void wire(
      KStream<String, FigureUpdate<TradeMonthly>> monthlyUpdates,
      KStream<String, FigureUpdate<TradeAnnual>> annual,
      KStream<String, TargetProgress> targets,
      KStream<String, FigureUpdate<MirrorGap>> mirror,
      KStream<String, Revision> revisions,
      KStream<String, Release> releases,
      KStream<String, Alert> tradeStopped) {
    KStream<String, Alert> stateless =
        monthlyUpdates
            .flatMapValues(
                u -> AlertCandidates.changed(u, candidates::monthly),
                Named.as("alerts-monthly-rules"))
            .merge(
                annual.flatMapValues(
                    u -> AlertCandidates.changed(u, candidates::annual),
                    Named.as("alerts-annual-rules")),
                Named.as("alerts-merge-annual"))
            .merge(
                targets.flatMapValues(candidates::target, Named.as("alerts-target-rules")),
                Named.as("alerts-merge-targets"))
            .merge(
                mirror.flatMapValues(
                    u -> AlertCandidates.changed(u, candidates::mirror),
                    Named.as("alerts-mirror-rules")),
                Named.as("alerts-merge-mirror"))
            .merge(
                revisions.flatMapValues(candidates::revision, Named.as("alerts-revision-rules")),
                Named.as("alerts-merge-revisions"));

    // In the task of the series, where its monthly figures are computed and kept: every calendar
    // month of a series is in that table, so the same months of other years meet without a
    // repartition or a history of their own.
    KStream<String, Alert> seasonal =
        monthlyUpdates
            .filter(
                (key, u) -> SeasonalBands.watched(rules, u.after()),
                Named.as("alerts-seasonal-watched"))
            .processValues(
                SeasonalBands.supplier(rules),
                Named.as("alerts-seasonal-bands"),
                QueryableStores.MONTHLY)
            .flatMapValues(list -> list, Named.as("alerts-seasonal-each"));

    KStream<String, Alert> silence =
        releases
            .filter((key, r) -> r.getPart() == 0, Named.as("alerts-one-copy-per-release"))
            .map(
                (key, r) ->
                    KeyValue.pair(
                        SourceSilence.ALL,
                        new SeriesActivity(
                            SeriesKey.of(r.getSource(), r.getReporter(), "*", Keys.TOTAL),
                            r.getYear(),
                            r.getMonth())),
                Named.as("alerts-series-activity"))
            .repartition(
                Repartitioned.with(Serdes.STRING, Serdes.SERIES_ACTIVITY)
                    .withName("series-activity")
                    .withNumberOfPartitions(1))
            .processValues(SourceSilence.supplier(rules), Named.as("alerts-source-silence"))
            .flatMapValues(list -> list, Named.as("alerts-silence-each"));

    KStream<String, AlertLifecycle.Change> changes =
        stateless
            .merge(seasonal, Named.as("alerts-merge-seasonal"))
            .merge(silence, Named.as("alerts-merge-silence"))
            .merge(tradeStopped, Named.as("alerts-merge-trade-stopped"))
            .selectKey((key, alert) -> alert.getAlertId(), Named.as("alerts-by-id"))
            .repartition(
                Repartitioned.with(Serdes.STRING, Serdes.ALERT).withName("alert-candidates-by-id"))
            .processValues(AlertLifecycle.supplier(), Named.as("alerts-lifecycle"));

    Topic<String, Alert> alerts = topics.alerts();
    changes
        .filter((id, change) -> change.event(), Named.as("alerts-events-only"))
        .mapValues(AlertLifecycle.Change::alert, Named.as("alerts-event-values"))
        .to(
            alerts.name(),
            Produced.with(alerts.keySerde(), alerts.valueSerde()).withName("alerts-output"));
    changes
        .mapValues(
            change -> change.alert().getState() == AlertState.RAISED ? change.alert() : null,
            Named.as("alerts-open-only"))
        .toTable(
            Named.as("open-alerts-table"),
            Materialized.<String, Alert, KeyValueStore<Bytes, byte[]>>as(
                    QueryableStores.OPEN_ALERTS)
                .withKeySerde(Serdes.STRING)
                .withValueSerde(Serdes.ALERT));
  }
}
