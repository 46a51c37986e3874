package io.tradewatch.bench;

import io.tradewatch.broker.EmbeddedKafkaCluster;
import io.tradewatch.producers.publish.KafkaPublisher;
import io.tradewatch.producers.publish.PublishReport;
import io.tradewatch.producers.read.InputFormat;
import io.tradewatch.producers.read.ReaderOptions;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One pass of ingest: a CSV file read, mapped to Avro, checked and published by {@code
 * KafkaPublisher} (idempotent, {@code acks=all}) until every record is acknowledged, into fresh
 * topics.
 */
final class IngestRun {
  private final EmbeddedKafkaCluster cluster;
  private final Properties clientProperties;
  private final BenchOptions options;

  IngestRun(EmbeddedKafkaCluster cluster, Properties clientProperties, BenchOptions options) {
    this.cluster = cluster;
    this.clientProperties = clientProperties;
    this.options = options;
  }

  /** The client's properties with the producer settings of the command line on top. */
  private Properties producerProperties() {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.putAll(options.producerConfig());
    return p;
  }

  Measurement run(InputFormat format, Path file, long rows, String name)
      throws IOException, InterruptedException {
    Topics topics = Topics.withPrefix(name + ".");
    List<Topic<?, ?>> created = new ArrayList<>(topics.inputs());
    created.add(topics.deadLetter());
    cluster.createTopics(created, options.partitions());
    try (ResourceMeter meter = new ResourceMeter();
        KafkaPublisher publisher = KafkaPublisher.create(producerProperties(), topics);
        Offsets offsets = new Offsets(clientProperties)) {
      long t0 = System.nanoTime();
      PublishReport report = publisher.publish(file, format, ReaderOptions.defaults(), 0, false);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long read = report.published() + report.rejected() + report.skippedTotal();
      if (read != rows || report.published() != rows) {
        throw new IllegalStateException(
            "ingest of " + file.getFileName() + " expected " + rows + " rows: " + report.summary());
      }
      Measurement m =
          new Measurement(read, seconds, meter.usage(Double.NaN), Measurement.KafkaWrites.NONE);
      offsets.delete(created.stream().map(Topic::name).toList());
      return m;
    }
  }
}
