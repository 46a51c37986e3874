package io.tradewatch.streams.topology;

import io.tradewatch.avro.Release;
import io.tradewatch.schemas.Keys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The reporter-months whose figures wait for the release their producer announced (the {@link
 * io.tradewatch.schemas.WireHeaders#RELEASE_FOLLOWS} header), with the partners waiting and since
 * when.
 *
 * <p>Why wait: until its release, a month's figures can only be written as "not released", and the
 * release rewrites every one of them a moment later. A file's figures come first and its releases
 * right after (the producers send them once the figures are acknowledged), so a figure that waits
 * for its release is written once, released, by the emission its release triggers, which recomputes
 * the month for every series of the reporter and partners it covers. The figures are booked at
 * once; only their emission waits.
 *
 * <p>A release that never comes (a producer stopped between the figures and the releases) must not
 * hide figures: a month that has waited {@link #WAIT} is emitted as if a release for its partners
 * had come, and its figures are shown as not released, as figures without a release always are.
 *
 * <p>Only a month not yet released waits: a figure of a month that a release already counted (a
 * late figure, a second file of the month, a figure read again after a crash) may have no release
 * to wait for, since a release repeated unchanged is dropped as a repeat before it reaches the
 * ledger. Such a figure is emitted as usual, and its month's figures are written once more.
 *
 * <p>One entry per source, reporter and month ({@code source|reporter|YYYY-MM}), valued by the time
 * its first figure started waiting and the partners waiting: a release of the same month from
 * another extract (other partners) leaves the others waiting.
 */
final class AwaitedReleases {
  /** How long a month's figures wait for their release before they are emitted without it. */
  static final Duration WAIT = Duration.ofSeconds(60);

  /** A month that waited too long: its series from {@code month} on are to be emitted. */
  record Overdue(String source, String reporter, int year, int month, Set<String> partners) {}

  /** A waiting month: its source, reporter and period, since when, and the partners waiting. */
  private record Waiting(
      String source, String reporter, int year, int month, long since, TreeSet<String> partners) {
    String partnerYear(String partner) {
      return AwaitedReleases.partnerYear(source, reporter, partner, year);
    }

    int bit() {
      return 1 << (month - 1);
    }
  }

  private static final StringSerializer PREFIX = new StringSerializer();

  private final KeyValueStore<String, byte[]> store;

  /** The releases that have counted, keyed by release key (source|reporter|YYYY-MM|...). */
  private final KeyValueStore<String, Release> releases;

  /** The store's entries, decoded: a figure checks its month here, not in the store. */
  private final Map<String, Waiting> waiting = new HashMap<>();

  /**
   * The same months per source, reporter, partner and year, as bits (m-1 for month m): what an
   * emission asks for each series it writes, kept current as months start and stop waiting rather
   * than rebuilt for every emission.
   */
  private final Map<String, Integer> monthsWaiting = new HashMap<>();

  /**
   * Whether a release of a month has counted, for the months asked about since the task started:
   * one look at the releases per month, not per figure. Releases count only through {@link
   * #released}, which keeps this current.
   */
  private final Map<String, Boolean> monthReleased = new HashMap<>();

  /**
   * The months found overdue since the last {@link #forgetOverdue}, as they were then: the store
   * keeps their partners until a commit has written what their emission forwarded, even when the
   * month waits again meanwhile (a figure of another partner).
   */
  private final Map<String, Waiting> overdue = new HashMap<>();

  /**
   * Reads the months the store holds (those still waiting when the task last stopped).
   *
   * @param releases the releases that have counted, to tell a month already released
   */
  AwaitedReleases(KeyValueStore<String, byte[]> store, KeyValueStore<String, Release> releases) {
    this.store = store;
    this.releases = releases;
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      all.forEachRemaining(
          kv -> {
            Waiting entry = decode(kv.key, kv.value);
            waiting.put(kv.key, entry);
            entry.partners().forEach(partner -> mark(entry, partner));
          });
    }
  }

  /**
   * A figure of a partner's month, from {@code now}: it waits for the month's release unless a
   * release of that month has already counted.
   *
   * @return whether it waits (otherwise the caller emits its change as usual)
   */
  boolean await(String source, String reporter, int year, int month, String partner, long now) {
    String key = key(source, reporter, year, month);
    if (monthReleased.computeIfAbsent(key, this::anyReleaseOf)) {
      return false;
    }
    Waiting entry =
        waiting.computeIfAbsent(
            key, k -> new Waiting(source, reporter, year, month, now, new TreeSet<>()));
    if (entry.partners().add(partner)) {
      mark(entry, partner);
      write(key);
    }
    return true;
  }

  /**
   * Writes a month's entry to the store: the partners waiting, and those of its overdue copy not
   * yet forgotten, since when the earlier of the two waits (none left: the entry goes).
   */
  private void write(String key) {
    Waiting entry = waiting.get(key);
    Waiting kept = overdue.get(key);
    if (entry == null && kept == null) {
      store.delete(key);
    } else if (kept == null) {
      store.put(key, encode(entry));
    } else if (entry == null) {
      store.put(key, encode(kept));
    } else {
      TreeSet<String> partners = new TreeSet<>(kept.partners());
      partners.addAll(entry.partners());
      store.put(
          key,
          encode(
              new Waiting(
                  entry.source(),
                  entry.reporter(),
                  entry.year(),
                  entry.month(),
                  Math.min(entry.since(), kept.since()),
                  partners)));
    }
  }

  private boolean anyReleaseOf(String month) {
    try (KeyValueIterator<String, Release> it =
        releases.prefixScan(month + Keys.SEPARATOR, PREFIX)) {
      return it.hasNext();
    }
  }

  /** A release has counted: the partners it covers no longer wait for their month. */
  void released(Release r) {
    String key = key(r.getSource(), r.getReporter(), r.getYear(), r.getMonth());
    monthReleased.put(key, true);
    Waiting entry = waiting.get(key);
    if (entry == null) {
      return;
    }
    boolean changed = false;
    for (String partner :
        r.getPartners() == null ? List.copyOf(entry.partners()) : r.getPartners()) {
      if (entry.partners().remove(partner)) {
        unmark(entry, partner);
        changed = true;
      }
    }
    if (!changed) {
      return;
    }
    if (entry.partners().isEmpty()) {
      waiting.remove(key);
    }
    write(key);
  }

  /**
   * The months that have waited {@link #WAIT} by {@code now}, no longer waiting (the store keeps
   * them until {@link #forgetOverdue}).
   */
  List<Overdue> overdue(long now) {
    List<Overdue> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, Waiting>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Waiting> e = it.next();
      Waiting entry = e.getValue();
      if (now - entry.since() < WAIT.toMillis()) {
        continue;
      }
      out.add(
          new Overdue(
              entry.source(),
              entry.reporter(),
              entry.year(),
              entry.month(),
              Set.copyOf(entry.partners())));
      entry.partners().forEach(partner -> unmark(entry, partner));
      // Found overdue again before a commit (after waiting again): its partners then too.
      overdue.merge(
          e.getKey(),
          entry,
          (before, again) -> {
            TreeSet<String> partners = new TreeSet<>(before.partners());
            partners.addAll(again.partners());
            return new Waiting(
                again.source(),
                again.reporter(),
                again.year(),
                again.month(),
                before.since(),
                partners);
          });
      it.remove();
    }
    return out;
  }

  /**
   * What was emitted for the months found overdue so far has been written (a commit came since):
   * they leave the store, but for those that wait again. Until then the store keeps them, their
   * partners even in a month that waits again meanwhile, so that a task restarted after a crash
   * that lost those figures finds them overdue again.
   */
  void forgetOverdue() {
    List<String> kept = new ArrayList<>(overdue.keySet());
    overdue.clear();
    kept.forEach(this::write);
  }

  /**
   * The months of a series' year and of the following {@code years - 1} whose figures wait for
   * their release, as {@link ChangedYear#awaited} marks them (bit 12 × (y − year) + m − 1).
   *
   * @param series a series key (source|reporter|partner|hsGroup): its partner's months count
   */
  long monthsWaiting(String series, int year, int years) {
    if (monthsWaiting.isEmpty()) {
      return 0L;
    }
    SeriesKey key = SeriesKey.parse(series);
    long mask = 0L;
    for (int offset = 0; offset < years; offset++) {
      Integer months =
          monthsWaiting.get(
              partnerYear(key.source(), key.reporter(), key.partner(), year + offset));
      if (months != null) {
        mask |= (long) months << (12 * offset);
      }
    }
    return mask;
  }

  private static String partnerYear(String source, String reporter, String partner, int year) {
    return Keys.join(source, reporter, partner, year);
  }

  private void mark(Waiting entry, String partner) {
    monthsWaiting.merge(entry.partnerYear(partner), entry.bit(), (a, b) -> a | b);
  }

  private void unmark(Waiting entry, String partner) {
    monthsWaiting.computeIfPresent(
        entry.partnerYear(partner),
        (k, months) -> (months & ~entry.bit()) == 0 ? null : months & ~entry.bit());
  }

  private static String key(String source, String reporter, int year, int month) {
    return Keys.join(source, reporter, Keys.tradePeriod(year, month));
  }

  private static byte[] encode(Waiting waiting) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(12 + 8 * waiting.partners().size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(waiting.since());
      out.writeInt(waiting.partners().size());
      for (String partner : waiting.partners()) {
        out.writeUTF(partner);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Waiting decode(String key, byte[] value) {
    // source|reporter|YYYY-MM
    String[] parts = key.split("\\|", -1);
    YearMonth period = YearMonth.parse(parts[2]);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
      long since = in.readLong();
      int size = in.readInt();
      TreeSet<String> partners = new TreeSet<>();
      for (int i = 0; i < size; i++) {
        partners.add(in.readUTF());
      }
      return new Waiting(
          parts[0], parts[1], period.getYear(), period.getMonthValue(), since, partners);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable awaited release", e);
    }
  }
}
