package io.tradewatch.dashboard;

import static io.tradewatch.dashboard.RunningDashboard.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewatch.broker.KafkaBrokerExtension;
import io.tradewatch.schemas.AvroJson;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.query.QueryableStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stale reads from a standby replica: two instances with one standby replica each; when the
 * instance owning a key cannot answer, the other answers from its standby copy, flagged stale.
 */
class StaleReadEndToEndTest {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  private static final String KZ = "source=KZ-BNS&reporter=KAZ&partner=ARM";

  @Test
  void givenTheOwnerOfAKeyUnreachable_whenTheOtherInstanceIsAsked_thenItsStandbyAnswersFlaggedStale(
      @TempDir Path dir) throws Exception {
    // Given two instances of one application with a standby replica of every store
    Topics topics = KAFKA.createUniqueTopics(SampleMonthlyKeys.PARTITIONS);
    String applicationId = KAFKA.uniqueAppId("stale");
    Map<String, String> standby = Map.of(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
    try (RunningDashboard first =
        RunningDashboard.start(KAFKA, topics, applicationId, dir.resolve("one"), standby)) {
      RunningDashboard second =
          RunningDashboard.start(KAFKA, topics, applicationId, dir.resolve("two"), standby);
      try {
        RunningDashboard.publishSamples(KAFKA, topics);
        RunningDashboard.publishTrade(KAFKA, topics, dir, SampleMonthlyKeys.spreadRows());
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .ignoreExceptions()
            .until(() -> first.json("/api/series?" + KZ + "&limit=1").get("total").equals(79));
        // ... a monthly figure owned by the second instance, with its standby on the first
        HostInfo firstHost = new HostInfo("127.0.0.1", first.server.port());
        HostInfo secondHost = new HostInfo("127.0.0.1", second.server.port());
        String key =
            await()
                .atMost(Duration.ofMinutes(1))
                .until(() -> keyOwnedBy(first, secondHost, firstHost), k -> k != null);
        Map<String, Object> fromOwner =
            record(first, key, body -> !stale(body), Duration.ofSeconds(30));
        assertThat(fromOwner)
            .containsEntry("stale", false)
            .containsEntry("servedBy", "127.0.0.1:" + second.server.port());

        // When the owner's dashboard stops answering (its topology still runs)
        second.server.close();

        // Then the first instance answers from its standby copy, flagged stale, with the owner's
        // figure (the standby copy follows the owner's committed changes: compared with what the
        // owner's store holds at that moment, until the two agree)
        Map<String, Object> fromStandby =
            record(
                first,
                key,
                body -> stale(body) && value(body).equals(ownerFigure(second, key)),
                Duration.ofMinutes(2));
        assertThat(fromStandby)
            .containsEntry("key", key)
            .containsEntry("stale", true)
            .containsEntry("servedBy", "127.0.0.1:" + first.server.port())
            .containsKey("lag");
        assertThat(((Number) fromStandby.get("lag")).longValue()).isNotNegative();
        // ... while a scan, answered by owners only, still names the unreachable instance
        assertThat(first.get("/api/annual?" + KZ).statusCode()).isEqualTo(502);
      } finally {
        second.app.close();
      }
    }
  }

  /** A monthly key whose owner is {@code owner} and whose standby is on {@code standby}. */
  private static String keyOwnedBy(RunningDashboard asked, HostInfo owner, HostInfo standby) {
    return SampleMonthlyKeys.first(
            asked.app.streams(),
            m -> owner.equals(m.activeHost()) && m.standbyHosts().contains(standby))
        .orElse(null);
  }

  /** The figure the owner's own store holds for {@code key} now, as the API writes it. */
  private static Map<String, Object> ownerFigure(RunningDashboard owner, String key) {
    Object figure =
        owner
            .app
            .streams()
            .store(
                StoreQueryParameters.fromNameAndType(
                    QueryableStores.MONTHLY, QueryableStoreTypes.<String, Object>keyValueStore()))
            .get(key);
    try {
      return figure == null ? null : RunningDashboard.parse(AvroJson.toJsonString(figure));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean stale(Map<String, Object> body) {
    return (Boolean) body.get("stale");
  }

  private static Map<String, Object> record(
      RunningDashboard instance,
      String key,
      Predicate<Map<String, Object>> wanted,
      Duration within) {
    return await()
        .atMost(within)
        .ignoreExceptions()
        .until(
            () -> instance.json("/api/record?store=" + QueryableStores.MONTHLY + "&key=" + key),
            body -> body.containsKey("value") && wanted.test(body));
  }
}
