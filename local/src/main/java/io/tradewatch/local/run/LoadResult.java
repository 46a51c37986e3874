package io.tradewatch.local.run;

import io.tradewatch.producers.publish.PublishReport;
import java.util.List;

/** What loading a list of files did, file by file. */
public record LoadResult(List<PublishReport> reports) {
  public long published() {
    return reports.stream().mapToLong(PublishReport::published).sum();
  }

  public long rejected() {
    return reports.stream().mapToLong(PublishReport::rejected).sum();
  }
}
