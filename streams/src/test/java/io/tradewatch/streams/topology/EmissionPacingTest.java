package io.tradewatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmissionPacingTest {
  private static final long INTERVAL = 200;
  private final EmissionPacing pacing = new EmissionPacing(Duration.ofMillis(INTERVAL));

  @Test
  void givenRecordsReadJustAfterTheyWerePublished_whenEachIntervalEnds_thenItEmits() {
    long now = 1_000_000;
    for (int tick = 1; tick <= 20; tick++) {
      now += INTERVAL;
      pacing.read(now - 50, now);
      assertThat(pacing.due(now)).as("tick %d", tick).isTrue();
    }
  }

  @Test
  void givenRecordsThatDoNotSayWhenTheyWerePublished_whenEachIntervalEnds_thenItEmits() {
    long now = 1_000_000;
    for (int tick = 1; tick <= 5; tick++) {
      now += INTERVAL;
      pacing.read(null, now);
      assertThat(pacing.due(now)).isTrue();
    }
  }

  @Test
  void givenABacklog_whenIntervalsEnd_thenItEmitsOncePerFoldAndAtOnceWhenTheInputGoesQuiet() {
    long now = 1_000_000;
    long publishedLongAgo = now - Duration.ofDays(1).toMillis();
    // The first interval's end emits (no emission yet), then the backlog folds ten intervals
    int emitted = 0;
    int ticks = 0;
    for (; ticks < 30; ticks++) {
      now += INTERVAL;
      pacing.read(publishedLongAgo, now);
      if (pacing.due(now)) {
        emitted++;
      }
    }
    assertThat(emitted).isEqualTo(3);

    // When an interval passes in which nothing was read
    now += INTERVAL;

    // Then it emits at once, not at the end of the fold
    assertThat(pacing.due(now)).isTrue();
  }

  @Test
  void givenABacklogThatCatchesUp_whenARecordIsReadJustAfterItsPublication_thenItEmitsAtOnce() {
    long now = 1_000_000;
    pacing.read(now - 60_000, now);
    assertThat(pacing.due(now)).as("the first emission").isTrue();
    now += INTERVAL;
    pacing.read(now - 60_000, now);
    assertThat(pacing.due(now)).as("in the backlog's fold").isFalse();

    now += INTERVAL;
    pacing.read(now - 10, now);

    assertThat(pacing.due(now)).isTrue();
  }

  @Test
  void givenARecordReadFiveIntervalsAfterItsPublication_whenTheIntervalEnds_thenItIsStillLive() {
    long now = 1_000_000;
    pacing.due(now);
    now += INTERVAL;
    pacing.read(now - EmissionPacing.BACKLOG_AGE * INTERVAL, now);
    assertThat(pacing.due(now)).isTrue();
  }
}
