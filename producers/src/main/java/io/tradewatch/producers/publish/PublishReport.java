package io.tradewatch.producers.publish;

import io.tradewatch.producers.read.InputFormat;
import io.tradewatch.producers.read.Rejection;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * What publishing one file did.
 *
 * @param file the file
 * @param format its format
 * @param published records published
 * @param rejected rows rejected (each also sent to the dead-letter topic)
 * @param skipped rows deliberately skipped, counted by reason
 * @param firstRejections the first rejections, for the person who ran the command
 */
public record PublishReport(
    String file,
    InputFormat format,
    long published,
    long rejected,
    Map<String, Long> skipped,
    List<Rejection> firstRejections) {

  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** One line for a person: {@code trade.csv (TRADE): 1200 published, 2 rejected, 0 skipped}. */
  public String summary() {
    StringBuilder s =
        new StringBuilder()
            .append(file)
            .append(" (")
            .append(format)
            .append("): ")
            .append(published)
            .append(" published, ")
            .append(rejected)
            .append(" rejected, ")
            .append(skippedTotal())
            .append(" skipped");
    skipped.forEach((reason, n) -> s.append("\n  skipped ").append(n).append(": ").append(reason));
    return s.toString();
  }

  /**
   * Prints the {@link #summary} on {@code out} and the first rejections on {@code err}, one {@code
   * file:line: reason} a line, then how many more are in the dead-letter topic.
   */
  public void print(PrintWriter out, PrintWriter err) {
    out.println(summary());
    out.flush();
    for (Rejection r : firstRejections) {
      err.println(r);
    }
    if (rejected > firstRejections.size()) {
      err.println(
          file
              + ": "
              + (rejected - firstRejections.size())
              + " more rejections in the dead-letter topic");
    }
    err.flush();
  }
}
