package io.tradewatch.producers.cli;

import io.tradewatch.producers.publish.EmptyFiles;
import io.tradewatch.producers.publish.KafkaPublisher;
import io.tradewatch.producers.publish.KafkaUnavailableException;
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
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = "Publishes input files to Kafka as Avro events, in the order given.",
    footer = {
      "",
      "Exit codes:",
      "  0  every row published (or deliberately skipped)",
      "  1  I/O or Kafka failure: unreadable file, unknown format,",
      "     or the broker did not take a record",
      "  2  usage error",
      "  3  some rows rejected: each is printed on stderr as file:line: reason",
      "     and sent to the dead-letter topic; the good rows were published",
      "  5  Kafka unreachable: no acknowledgement within --timeout (the client",
      "     retried with backoff); stderr names the file, the broker and the",
      "     records confirmed. Rerun the same files once Kafka is back: records",
      "     sent twice have the same key and revision, which the topology ignores"
    })
public final class PublishCommand implements Callable<Integer> {
  /** Makes the publisher from the topic registry and the client settings; a seam for tests. */
  @FunctionalInterface
  public interface PublisherFactory {
    KafkaPublisher create(Topics topics, Properties clientProperties);
  }

  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin KafkaClientOptions kafka = new KafkaClientOptions();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "auto",
      converter = FormatChoice.Converter.class,
      description =
          "trade, fdi, targets, comtrade or auto (default: ${DEFAULT-VALUE}, from each file's"
              + " header).")
  FormatChoice format = FormatChoice.AUTO;

  @Option(
      names = "--rate",
      defaultValue = "0",
      paramLabel = "RECORDS_PER_SECOND",
      description = "Pace publishing (for a live demo); 0 publishes as fast as possible.")
  int rate;

  @Option(
      names = "--progress",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Show a progress bar on stderr (default: ${DEFAULT-VALUE}).")
  boolean progress = true;

  @Option(names = "--include-world", description = "UN Comtrade: keep rows with partner World.")
  boolean includeWorld;

  @Mixin FileReadingOptions reading;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Input files.")
  List<Path> files;

  private final PublisherFactory publishers;

  public PublishCommand() {
    this(KafkaPublisher::new);
  }

  /** A command whose publisher {@code publishers} makes (tests hand in a MockProducer). */
  public PublishCommand(PublisherFactory publishers) {
    this.publishers = publishers;
  }

  @Override
  public Integer call() throws Exception {
    if (rate < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--rate must be 0 or positive, was " + rate);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Topics topics = kafka.topics(spec);
    InputFiles.requireReadable(spec, files);
    ReaderOptions options = reading.readerOptions(includeWorld);
    long rejected = 0;
    try {
      Properties client = kafka.requireCluster(spec);
      List<Path> files = EmptyFiles.skip(this.files, err);
      // Every file's format first, so that a typo stops the run before anything is published.
      List<InputFormat> formats = new ArrayList<>();
      for (Path file : files) {
        formats.add(format.formatOf(file, reading.encoding()));
      }
      try (KafkaPublisher publisher = publishers.create(topics, client)) {
        publisher.onWaiting(
            notice -> {
              err.println("tradewatch publish: " + notice);
              err.flush();
            });
        for (int i = 0; i < files.size(); i++) {
          PublishReport report =
              publisher.publish(files.get(i), formats.get(i), options, rate, progress);
          report.print(out, err);
          rejected += report.rejected();
        }
      }
    } catch (KafkaUnavailableException e) {
      err.println("tradewatch publish: " + e.getMessage());
      err.flush();
      return ExitCodes.KAFKA_UNAVAILABLE;
    } catch (IOException | KafkaException e) {
      err.println("tradewatch publish: " + e.getMessage());
      err.flush();
      return ExitCodes.FAILURE;
    }
    return rejected > 0 ? ExitCodes.ROWS_REJECTED : ExitCodes.OK;
  }
}
