package io.tradewatch.producers.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
  private long now = 0;
  private final List<Long> sleeps = new ArrayList<>();

  private Pacer pacer(int rate) {
    return new Pacer(
        rate,
        () -> now,
        nanos -> {
          sleeps.add(nanos);
          now += nanos;
        });
  }

  @Test
  void neverSleepsAtRateZero() throws InterruptedException {
    Pacer pacer = pacer(0);

    for (int i = 0; i < 1000; i++) {
      pacer.await();
    }

    assertThat(sleeps).isEmpty();
  }

  @Test
  void spacesRecordsEvenlyAtTheGivenRate() throws InterruptedException {
    Pacer pacer = pacer(4);

    for (int i = 0; i < 5; i++) {
      pacer.await();
    }

    assertThat(sleeps).containsExactly(250_000_000L, 250_000_000L, 250_000_000L, 250_000_000L);
    assertThat(now).isEqualTo(1_000_000_000L);
  }

  @Test
  void doesNotBurstAfterFallingBehind() throws InterruptedException {
    Pacer pacer = pacer(10);
    pacer.await();
    now += 5_000_000_000L;

    pacer.await();
    pacer.await();

    assertThat(sleeps).containsExactly(100_000_000L);
  }

  @Test
  void keepsTheRateWhenEverySleepOvershoots() throws InterruptedException {
    // given a rate of 8 000 records/s (125 us apart) and sleeps that wake up
    // 200 us late, longer than the interval (as short sleeps do on a busy machine)
    Pacer pacer =
        new Pacer(
            8_000,
            () -> now,
            nanos -> {
              sleeps.add(nanos);
              now += nanos + 200_000;
            });

    // when 8 001 records are paced
    for (int i = 0; i <= 8_000; i++) {
      pacer.await();
    }

    // then they took one second, give or take one late wake-up, not 2.6 s
    assertThat(now).isBetween(1_000_000_000L, 1_000_000_000L + 325_000L);
  }

  @Test
  void refusesANegativeRate() {
    assertThatThrownBy(() -> pacer(-1)).hasMessageContaining("-1");
  }
}
