package io.tradewatch.schemas;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.Release;
import io.tradewatch.avro.TradeRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The releases of the monthly trade figures one file (or one batch) holds: for each source,
 * reporter and month, the flows it has figures of. A file may be an extract (one partner of a
 * reporter, as most downloads are), so each release covers only the partners of that reporter the
 * file has figures for: within them, a partner or product without a figure in a released month
 * traded nothing; other partners are not affected.
 *
 * <p>Published after the last figure of the file is acknowledged: until then the months are not
 * released, and nothing is judged on a half-loaded month.
 */
public final class Releases {
  private record Month(String source, String reporter, int year, int month) {}

  private static final class Tally {
    final Set<Flow> flows = EnumSet.noneOf(Flow.class);
    long rows;
    int revision = 1;
  }

  private final Map<Month, Tally> months =
      new TreeMap<>(
          java.util.Comparator.comparing(Month::source)
              .thenComparing(Month::reporter)
              .thenComparingInt(Month::year)
              .thenComparingInt(Month::month));
  private final Map<String, Set<String>> partners = new TreeMap<>();

  /** Counts a monthly figure; annual figures need no release. */
  public void add(TradeRecord r) {
    if (r.getMonth() == null) {
      return;
    }
    Tally t =
        months.computeIfAbsent(
            new Month(r.getSource(), r.getReporter(), r.getYear(), r.getMonth()), m -> new Tally());
    t.flows.add(r.getFlow());
    t.rows++;
    t.revision = Math.max(t.revision, r.getRevision());
    partners
        .computeIfAbsent(Keys.join(r.getSource(), r.getReporter()), k -> new TreeSet<>())
        .add(r.getPartner());
  }

  public boolean isEmpty() {
    return months.isEmpty();
  }

  /**
   * The releases, one per source, reporter and month, in that order. A release's revision is the
   * highest revision among its figures: a file of revised figures re-releases its months.
   */
  public List<Release> releases() {
    List<Release> out = new ArrayList<>(months.size());
    months.forEach(
        (m, t) -> {
          List<Flow> flows = List.copyOf(t.flows);
          List<String> scope = List.copyOf(partners.get(Keys.join(m.source(), m.reporter())));
          out.add(
              Release.newBuilder()
                  .setReleaseKey(
                      Keys.releaseKey(m.source(), m.reporter(), m.year(), m.month(), flows, scope))
                  .setRevision(t.revision)
                  .setSource(m.source())
                  .setReporter(m.reporter())
                  .setYear(m.year())
                  .setMonth(m.month())
                  .setFlows(flows)
                  .setPartners(scope)
                  .setRows(t.rows)
                  .setPublishedAt(null)
                  .build());
        });
    return out;
  }
}
