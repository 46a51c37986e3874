package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewatch.avro.Release;
import io.tradewatch.schemas.Serdes;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Months whose figures wait for their release: a month found overdue stays in the store until a
 * commit has written what its emission forwarded, so that a task restarted after a crash that lost
 * those figures emits them again.
 */
class AwaitedReleasesTest {
  private static final long WAIT = AwaitedReleases.WAIT.toMillis();
  private static final long T0 = 1_000_000L;

  private final KeyValueStore<String, byte[]> store =
      TestStores.inMemory(TradeLedger.AWAITING, Serdes.BYTES);
  private final KeyValueStore<String, Release> releases =
      TestStores.inMemory(TradeLedger.RELEASES, Serdes.RELEASE);

  @Test
  void givenAnOverdueMonthThatWaitsAgain_whenTheTaskRestartsBeforeACommit_thenItsPartnersAreDue() {
    // Given the figures of two partners of a month found overdue (and emitted), and, before a
    // commit has written that emission, a third partner's figure of the month waiting
    waitingAgainAfterOverdue("ARM", "BRB");

    // When the task restarts from its store (a crash lost the emission)
    AwaitedReleases restarted = new AwaitedReleases(store, releases);

    // Then the first two partners are overdue again at once, with the third
    assertThat(overduePartners(restarted, T0 + WAIT + 2_000))
        .isEqualTo(Set.of("ARM", "BRB", "CHN"));
  }

  @Test
  void givenAnOverdueMonthThatWaitsAgain_whenACommitHasWrittenTheEmission_thenOnlyTheNewOneWaits() {
    // Given a month found overdue, then waiting again for another partner
    AwaitedReleases awaited = waitingAgainAfterOverdue("ARM");

    // When a commit has written the emission
    awaited.forgetOverdue();

    // Then a restarted task finds only the new partner waiting, since it started to
    AwaitedReleases restarted = new AwaitedReleases(store, releases);
    assertThat(restarted.overdue(T0 + WAIT + 2_000)).isEmpty();
    assertThat(overduePartners(restarted, T0 + 2 * WAIT + 1_000)).isEqualTo(Set.of("CHN"));
  }

  @Test
  void givenAnOverdueMonthReleasedBeforeACommit_whenTheTaskRestarts_thenTheOverduePartnersAreDue() {
    // Given a month found overdue, then waiting again, then released for the new partner
    AwaitedReleases awaited = waitingAgainAfterOverdue("ARM");
    awaited.released(release(List.of("CHN")));

    // When the task restarts before a commit
    AwaitedReleases restarted = new AwaitedReleases(store, releases);

    // Then the overdue partner is due again
    assertThat(overduePartners(restarted, T0 + WAIT + 2_000)).isEqualTo(Set.of("ARM"));
  }

  /**
   * Figures of {@code partners} of AUS's 2003-01 waiting from T0, found overdue a minute later,
   * then a figure of CHN of the same month waiting.
   */
  private AwaitedReleases waitingAgainAfterOverdue(String... partners) {
    AwaitedReleases awaited = new AwaitedReleases(store, releases);
    for (String partner : partners) {
      assertThat(awaited.await("AUS-NSO", "AUS", 2003, 1, partner, T0)).isTrue();
    }
    assertThat(overduePartners(awaited, T0 + WAIT)).isEqualTo(Set.of(partners));
    assertThat(awaited.await("AUS-NSO", "AUS", 2003, 1, "CHN", T0 + WAIT + 1_000)).isTrue();
    return awaited;
  }

  /** The partners of the one month overdue at {@code now}. */
  private static Set<String> overduePartners(AwaitedReleases awaited, long now) {
    List<AwaitedReleases.Overdue> due = awaited.overdue(now);
    assertThat(due).hasSize(1);
    return due.get(0).partners();
  }

  private static Release release(List<String> partners) {
    return Release.newBuilder()
        .setReleaseKey("AUS-NSO|AUS|2003-01|X|" + String.join(",", partners))
        .setRevision(1)
        .setSource("AUS-NSO")
        .setReporter("AUS")
        .setYear(2003)
        .setMonth(1)
        .setFlows(List.of(io.tradewatch.avro.Flow.X))
        .setPartners(partners)
        .setRows(1)
        .setPublishedAt(null)
        .build();
  }
}
