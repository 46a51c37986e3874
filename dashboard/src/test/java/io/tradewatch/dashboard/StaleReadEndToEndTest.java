package io.tradewatch.dashboard;

import static io.tradewatch.dashboard.RunningDashboard.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewatch.broker.KafkaBrokerExtension;
import io.tradewatch.schemas.Topics;
import io.tradewatch.streams.query.QueryableStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
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
    Topics topics = KAFKA.createUniqueTopics(4);
    String applicationId = KAFKA.uniqueAppId("stale");
    Map<String, String> standby = Map.of(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
    try (RunningDashboard first =
        RunningDashboard.start(KAFKA, topics, applicationId, dir.resolve("one"), standby)) {
      RunningDashboard second =
          RunningDashboard.start(KAFKA, topics, applicationId, dir.resolve("two"), standby);
      try {
        RunningDashboard.publishSamples(KAFKA, topics);
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
        Map<String, Object> fromOwner = settled(first, key);
        assertThat(fromOwner)
            .containsEntry("stale", false)
            .containsEntry("servedBy", "127.0.0.1:" + second.server.port());

        // When the owner's dashboard stops answering (its topology still runs)
        second.server.close();

        // Then the first instance answers from its standby copy, flagged stale, with the figure
        // (once the standby has caught up with the owner's figure)
        Map<String, Object> fromStandby =
            record(first, key, body -> stale(body) && value(body).equals(value(fromOwner)));
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

  /**
   * The owner's answer once the figure has stopped changing: the series count above says every
   * series exists, not that every record is processed, and a figure read while later records of its
   * series are still being applied is one the standby will never show.
   */
  private static Map<String, Object> settled(RunningDashboard instance, String key)
      throws InterruptedException {
    Duration quiet = Duration.ofSeconds(5);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Map<String, Object> last = record(instance, key, body -> !stale(body));
    long since = System.nanoTime();
    while (System.nanoTime() - since < quiet.toNanos()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the owner's figure of " + key + " is still changing: " + last);
      }
      Thread.sleep(500);
      Map<String, Object> now = record(instance, key, body -> !stale(body));
      if (!value(now).equals(value(last))) {
        last = now;
        since = System.nanoTime();
      }
    }
    return last;
  }

  private static boolean stale(Map<String, Object> body) {
    return (Boolean) body.get("stale");
  }

  private static Map<String, Object> record(
      RunningDashboard instance, String key, Predicate<Map<String, Object>> wanted) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> instance.json("/api/record?store=" + QueryableStores.MONTHLY + "&key=" + key),
            body -> body.containsKey("value") && wanted.test(body));
  }
}
