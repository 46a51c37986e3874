package io.tradewatch.schemas;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Every writer schema a decoder of this release can resolve: the current versions (the generated
 * classes' own schemas) and every published version listed under {@code
 * io/tradewatch/schemas/published/} (see {@link PublishedSchemas} and {@code schemas/README.md}).
 * Avro resolves a record written with any of them to the current reader schema, so old records stay
 * readable after a schema evolves, and a newer version published here ahead of the release that
 * writes it is readable by this release too.
 *
 * <p>A record whose fingerprint is in neither set cannot be decoded: {@link AvroSerde} refuses it
 * with a {@link org.apache.kafka.common.errors.SerializationException}, which Kafka Streams sends
 * to the dead-letter topic.
 */
public final class SchemaHistory {
  private final SchemaStore.Cache store = new SchemaStore.Cache();
  private final List<Schema> published;

  SchemaHistory(List<Schema> current) {
    this(
        current,
        PublishedSchemas.fromClasspath().stream().map(PublishedSchemas.Version::schema).toList());
  }

  SchemaHistory(List<Schema> current, List<Schema> published) {
    this.published = List.copyOf(published);
    current.forEach(store::addSchema);
    this.published.forEach(store::addSchema);
  }

  SchemaStore store() {
    return store;
  }

  /**
   * Every published writer schema, as listed in the published index: earlier versions, the current
   * ones and any newer version published ahead of the release that writes it.
   */
  public List<Schema> historic() {
    return published;
  }
}
