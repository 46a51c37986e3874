package io.tradewatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamHubTest {
  @Test
  void
      givenAClientThatDoesNotRead_whenManyEventsArePublished_thenPublishingNeverBlocksAndItResyncs()
          throws Exception {
    StreamHub hub = new StreamHub(2);
    StreamHub.Subscription slow = hub.subscribe(Set.of(), "");

    long start = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      hub.publish(event("trade-monthly", "KZ-BNS|" + i));
    }

    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
    assertThat(hub.dropped()).isGreaterThan(9_000);
    OutputEvent first = slow.next(1, TimeUnit.SECONDS);
    assertThat(first == StreamHub.RESYNC || first.key().startsWith("KZ-BNS|")).isTrue();
  }

  @Test
  void givenFilters_whenEventsArePublished_thenOnlyMatchingOnesAreQueuedAndCloseWakesTheReader()
      throws Exception {
    StreamHub hub = new StreamHub(10);
    StreamHub.Subscription annualKz = hub.subscribe(Set.of("trade-annual"), "KZ-BNS|");

    hub.publish(event("trade-monthly", "KZ-BNS|KAZ|ARM|TOTAL|2023-01"));
    hub.publish(event("trade-annual", "AM-ARMSTAT|ARM|KAZ|TOTAL|2023"));
    hub.publish(event("trade-annual", "KZ-BNS|KAZ|ARM|TOTAL|2023"));

    assertThat(annualKz.next(1, TimeUnit.SECONDS).key()).isEqualTo("KZ-BNS|KAZ|ARM|TOTAL|2023");
    hub.close();
    assertThat(annualKz.next(10, TimeUnit.SECONDS)).isSameAs(StreamHub.CLOSED);
    assertThat(hub.clients()).isZero();
  }

  private static OutputEvent event(String topic, String key) {
    return new OutputEvent(topic, key, null, 0, null);
  }
}
