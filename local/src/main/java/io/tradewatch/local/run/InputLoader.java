package io.tradewatch.local.run;

import io.tradewatch.producers.publish.EmptyFiles;
import io.tradewatch.producers.publish.KafkaPublisher;
import io.tradewatch.producers.publish.PublishReport;
import io.tradewatch.producers.read.InputFormat;
import io.tradewatch.producers.read.ReaderOptions;
import io.tradewatch.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Publishes files through the producers, in the order given, reporting each file on stderr. */
public final class InputLoader {
  private final Properties clientProperties;
  private final Topics topics;
  private final int rate;
  private final boolean progress;

  public InputLoader(Properties clientProperties, Topics topics, int rate, boolean progress) {
    this.clientProperties = clientProperties;
    this.topics = topics;
    this.rate = rate;
    this.progress = progress;
  }

  /**
   * @param format the files' format, or null to detect it from each header
   */
  public LoadResult load(List<Path> files, InputFormat format, PrintWriter report)
      throws IOException, InterruptedException {
    return load(files, format, ReaderOptions.defaults(), report);
  }

  /**
   * Publishes the files that are not empty (an empty one gets a warning), every format found before
   * the first record is sent.
   *
   * @param format the files' format, or null to detect it from each header
   */
  public LoadResult load(
      List<Path> files, InputFormat format, ReaderOptions options, PrintWriter report)
      throws IOException, InterruptedException {
    List<PublishReport> reports = new ArrayList<>();
    List<Path> toRead = EmptyFiles.skip(files, report);
    List<InputFormat> formats = new ArrayList<>();
    for (Path file : toRead) {
      formats.add(format != null ? format : InputFormat.detect(file, options.encoding()));
    }
    try (KafkaPublisher publisher = KafkaPublisher.create(clientProperties, topics)) {
      for (int i = 0; i < toRead.size(); i++) {
        Path file = toRead.get(i);
        InputFormat fileFormat = formats.get(i);
        PublishReport r = publisher.publish(file, fileFormat, options, rate, progress);
        r.print(report, report);
        reports.add(r);
      }
    }
    return new LoadResult(List.copyOf(reports));
  }
}
