package io.tradewatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class StreamHubTest {
  @Test
  void givenAClientThatDoesNotRead_whenManyEventsArePublished_thenItLosesItsBacklogAndResyncs()
      throws Exception {
    // given: a client whose connection takes nothing until released
    StreamHub hub = new StreamHub(2);
    CountDownLatch stuck = new CountDownLatch(1);
    RecordingSink slow = new RecordingSink(stuck);
    hub.subscribe(null, Set.of(), "", slow);

    // when
    for (int i = 0; i < 10_000; i++) {
      hub.publish(event("trade-monthly", "KZ-BNS|" + i));
    }
    stuck.countDown();

    // then: publishing went on; the backlog beyond two events was dropped for a resync
    assertThat(hub.dropped()).isGreaterThan(9_000);
    await().atMost(Duration.ofSeconds(10)).until(() -> slow.received.contains(StreamHub.RESYNC));
    // ... and once the client has caught up, it is sent new events again, after the resync
    OutputEvent next = event("trade-monthly", "KZ-BNS|next");
    hub.publish(next);
    await().atMost(Duration.ofSeconds(10)).until(() -> slow.received.contains(next));
    List<OutputEvent> received = List.copyOf(slow.received);
    assertThat(received.indexOf(StreamHub.RESYNC)).isLessThan(received.indexOf(next));
    // ... having been sent, of the 10 000, only the event in flight when it stalled and what
    // fitted in its queue after the last resync
    assertThat(received).hasSizeLessThanOrEqualTo(4).last().isEqualTo(next);
    hub.close();
  }

  @Test
  void givenFilters_whenEventsArePublished_thenOnlyMatchingOnesAreSentAndCloseClosesTheClient() {
    // given
    StreamHub hub = new StreamHub(10);
    RecordingSink annualKz = new RecordingSink(new CountDownLatch(0));
    hub.subscribe(null, Set.of("trade-annual"), "KZ-BNS|", annualKz);

    // when
    hub.publish(event("trade-monthly", "KZ-BNS|KAZ|ARM|TOTAL|2023-01"));
    hub.publish(event("trade-annual", "AM-ARMSTAT|ARM|KAZ|TOTAL|2023"));
    hub.publish(event("trade-annual", "KZ-BNS|KAZ|ARM|TOTAL|2023"));

    // then
    await().atMost(Duration.ofSeconds(10)).until(() -> !annualKz.received.isEmpty());
    assertThat(annualKz.received)
        .extracting(OutputEvent::key)
        .containsExactly("KZ-BNS|KAZ|ARM|TOTAL|2023");
    hub.close();
    assertThat(annualKz.closed).isTrue();
    assertThat(hub.clients()).isZero();
  }

  @Test
  void givenLimits_whenClientsAreAdmitted_thenEachAddressAndTheTotalAreCappedUntilReleased() {
    // given: 3 clients in total, 2 per address
    StreamHub hub = new StreamHub(10, 3, 2, Duration.ofSeconds(30));

    // when
    StreamHub.Slot a1 = hub.reserve("10.0.0.1");
    StreamHub.Slot a2 = hub.reserve("10.0.0.1");
    StreamHub.Slot a3 = hub.reserve("10.0.0.1");
    StreamHub.Slot b1 = hub.reserve("10.0.0.2");
    StreamHub.Slot c1 = hub.reserve("10.0.0.3");

    // then
    assertThat(List.of(a1, a2, b1)).doesNotContainNull();
    assertThat(a3).as("third from one address").isNull();
    assertThat(c1).as("fourth in total").isNull();
    a1.release();
    a1.release(); // twice counts once
    assertThat(hub.reserve("10.0.0.3")).isNotNull();
    assertThat(hub.reserve("10.0.0.1")).as("the hub is full again").isNull();
    hub.close();
  }

  private static OutputEvent event(String topic, String key) {
    return new OutputEvent(topic, key, null, 0, null);
  }

  /** A client connection that keeps what it is sent, after waiting for {@code ready}. */
  private static final class RecordingSink implements StreamHub.Sink {
    final List<OutputEvent> received = new CopyOnWriteArrayList<>();
    final CountDownLatch ready;
    volatile boolean closed;

    RecordingSink(CountDownLatch ready) {
      this.ready = ready;
    }

    @Override
    public boolean send(OutputEvent event) {
      try {
        ready.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (event != StreamHub.KEEP_ALIVE) {
        received.add(event);
      }
      return true;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
