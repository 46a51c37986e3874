package io.tradewatch.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Registry-free Avro serde: Avro single-object encoding (a 2-byte marker, the writer schema's
 * 64-bit fingerprint, then the binary datum). The decoder resolves every writer schema this project
 * ever published (see {@link SchemaHistory}), so old records stay readable after a schema evolves.
 *
 * <p>A record written with a schema this release does not know (a newer application's schema that
 * was not published to this release first) is refused with a {@link SerializationException} that
 * names the fingerprint, never guessed at; Kafka Streams routes it to the dead-letter topic.
 *
 * <p>Encoder and decoder are thread-safe; one instance serves all threads.
 */
public final class AvroSerde<T extends SpecificRecord>
    implements Serde<T>, Serializer<T>, Deserializer<T> {

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  AvroSerde(Class<T> type, Schema schema, SchemaHistory history) {
    this.type = Objects.requireNonNull(type, "type");
    SpecificData model = SpecificData.getForClass(type);
    // No copy inside the encoder: serialize() copies the thread's buffer into the result itself.
    this.encoder = new BinaryMessageEncoder<>(model, schema, false);
    this.decoder = new BinaryMessageDecoder<>(model, schema, history.store());
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    try {
      ByteBuffer buffer = encoder.encode(data);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot encode " + type.getSimpleName() + " for topic " + topic + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return decoder.decode(data);
    } catch (MissingSchemaException e) {
      throw new SerializationException(
          "Cannot decode "
              + type.getSimpleName()
              + " from topic "
              + topic
              + " ("
              + data.length
              + " bytes): it was written with a schema this release does not know ("
              + e.getMessage()
              + "). A newer writer must not be deployed before its schema is published to the"
              + " readers: add it to io/tradewatch/schemas/published/ (see schemas/README.md),"
              + " deploy the readers, then reprocess",
          e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot decode "
              + type.getSimpleName()
              + " from topic "
              + topic
              + " ("
              + data.length
              + " bytes): "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {
    // Registry-free: nothing to configure.
  }

  @Override
  public void close() {
    // Stateless: nothing to release.
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }
}
