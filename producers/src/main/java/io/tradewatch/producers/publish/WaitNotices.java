package io.tradewatch.producers.publish;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The notices a person sees while Kafka does not answer. */
final class WaitNotices {
  private WaitNotices() {}

  static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /**
   * A notice every few seconds while records wait for an acknowledgement that does not come (the
   * client retries on its own, silently: its connection warnings are not shown).
   */
  static ScheduledExecutorService start(
      String name,
      Delivery.Tally tally,
      String servers,
      Duration timeout,
      Consumer<String> notices) {
    long every = Math.max(1_000, Math.min(10_000, timeout.toMillis() / 4));
    ScheduledExecutorService watch =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tradewatch-publish-watch");
              t.setDaemon(true);
              return t;
            });
    watch.scheduleWithFixedDelay(
        () -> {
          long sent = tally.sent.get();
          long confirmed = tally.confirmed.get();
          long quiet = (System.nanoTime() - tally.lastAnswer) / 1_000_000;
          if (sent > confirmed + tally.failed.get() && quiet >= every) {
            notices.accept(
                name
                    + ": waiting for Kafka at "
                    + servers
                    + ": "
                    + confirmed
                    + " of "
                    + sent
                    + " records sent confirmed so far, no answer for "
                    + human(Duration.ofSeconds(quiet / 1000))
                    + "; retrying for up to "
                    + human(timeout));
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
    return watch;
  }
}
