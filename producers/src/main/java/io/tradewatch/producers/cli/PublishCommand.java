package io.tradewatch.producers.cli;

import io.tradewatch.producers.publish.KafkaPublisher;
import io.tradewatch.producers.publish.PublishReport;
import io.tradewatch.producers.read.InputFormat;
import io.tradewatch.producers.read.ReaderOptions;
import io.tradewatch.producers.read.Rejection;
import io.tradewatch.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = "Publishes input files to Kafka as Avro events, in the order given.",
    footer = {
      "",
      "Exit codes: 0 all rows published, 1 I/O or Kafka failure, 2 usage error,"
          + " 3 some rows rejected (reported on stderr and sent to the dead-letter topic)."
    })
public final class PublishCommand implements Callable<Integer> {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int ROWS_REJECTED = 3;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      required = true,
      paramLabel = "HOST:PORT[,...]",
      description = "The Kafka cluster.")
  String bootstrapServers;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      description =
          "Java properties file with Kafka client settings (security.protocol, ssl.*, sasl.*, ...);"
              + " values are never printed.")
  Path clientConfig;

  @Option(
      names = "--topic-prefix",
      defaultValue = Topics.DEFAULT_PREFIX,
      description = "Prefix of the tradewatch topics (default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "${COMPLETION-CANDIDATES}; default: detected from each file's header.")
  InputFormat format;

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
      description = "Show a progress bar on stderr (default: ${DEFAULT-VALUE}).")
  boolean progress;

  @Option(names = "--include-world", description = "UN Comtrade: keep rows with partner World.")
  boolean includeWorld;

  @Option(
      names = "--source",
      paramLabel = "SOURCE",
      description = "UN Comtrade: reporting source (default: UNCOMTRADE-<reporterISO>).")
  String source;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Input files.")
  List<Path> files;

  private final Function<Properties, KafkaPublisher> publishers;

  public PublishCommand() {
    this(null);
  }

  /** For tests: publishers made by {@code publishers} from the client properties. */
  public PublishCommand(Function<Properties, KafkaPublisher> publishers) {
    this.publishers = publishers;
  }

  @Override
  public Integer call() throws Exception {
    Properties client = loadClientConfig(clientConfig);
    client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    Topics topics = Topics.withPrefix(topicPrefix);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long rejected = 0;
    try (KafkaPublisher publisher =
        publishers != null ? publishers.apply(client) : KafkaPublisher.create(client, topics)) {
      for (Path file : files) {
        InputFormat fileFormat = format != null ? format : InputFormat.detect(file);
        PublishReport report =
            publisher.publish(
                file, fileFormat, new ReaderOptions(includeWorld, source), rate, progress);
        report(report, out, err);
        rejected += report.rejected();
      }
    } catch (IOException e) {
      err.println("tradewatch publish: " + e.getMessage());
      return FAILURE;
    }
    return rejected > 0 ? ROWS_REJECTED : OK;
  }

  /** Prints a file's summary on {@code out} and its rejections on {@code err}. */
  public static void report(PublishReport report, PrintWriter out, PrintWriter err) {
    out.println(report.summary());
    out.flush();
    for (Rejection r : report.firstRejections()) {
      err.println(r);
    }
    if (report.rejected() > report.firstRejections().size()) {
      err.println(
          report.file()
              + ": "
              + (report.rejected() - report.firstRejections().size())
              + " more rejections in the dead-letter topic");
    }
    err.flush();
  }

  /** Reads a Kafka client properties file (TLS, SASL, ...). */
  public static Properties loadClientConfig(Path file) throws IOException {
    Properties p = new Properties();
    if (file != null) {
      try (Reader reader = Files.newBufferedReader(file)) {
        p.load(reader);
      }
    }
    return p;
  }
}
