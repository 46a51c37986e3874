package io.tradewatch.schemas;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
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

  /** The marker that opens every single-object encoding (Avro specification). */
  private static final byte[] SINGLE_OBJECT_MARKER = {(byte) 0xC3, (byte) 0x01};

  /**
   * Each thread's buffer and binary encoder. Avro's own {@link
   * org.apache.avro.message.BinaryMessageEncoder} writes through a direct encoder into a
   * synchronized stream, a call per byte; a buffered encoder writes the same bytes in blocks, which
   * halves the cost of encoding a state value of a few dozen decimals.
   */
  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

  private final Class<T> type;
  private final byte[] header;
  private final DatumWriter<T> writer;
  private final BinaryMessageDecoder<T> decoder;

  AvroSerde(Class<T> type, Schema schema, SchemaHistory history) {
    this.type = Objects.requireNonNull(type, "type");
    SpecificData model = SpecificData.getForClass(type);
    this.header = header(schema);
    this.writer = new CompiledDatumWriter<>(schema, model);
    this.decoder = new BinaryMessageDecoder<>(model, schema, history.store());
  }

  /** The marker, then the schema's CRC-64-AVRO parsing fingerprint, little-endian. */
  private static byte[] header(Schema schema) {
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    return ByteBuffer.allocate(SINGLE_OBJECT_MARKER.length + Long.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put(SINGLE_OBJECT_MARKER)
        .putLong(fingerprint)
        .array();
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    Buffer buffer = BUFFERS.get();
    try {
      return buffer.encode(header, writer, data);
    } catch (IOException | RuntimeException e) {
      buffer.clear();
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

  /** A thread's growable byte buffer (unsynchronized: one thread uses it) and its encoder. */
  private static final class Buffer extends OutputStream {
    private byte[] bytes = new byte[256];
    private int size;
    private BinaryEncoder encoder;

    <T> byte[] encode(byte[] header, DatumWriter<T> writer, T datum) throws IOException {
      size = 0;
      write(header, 0, header.length);
      encoder = EncoderFactory.get().binaryEncoder(this, encoder);
      writer.write(datum, encoder);
      encoder.flush();
      return Arrays.copyOf(bytes, size);
    }

    /** Drops what a failed encoding left in the encoder's own buffer. */
    void clear() {
      encoder = null;
      size = 0;
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] from, int offset, int length) {
      ensure(length);
      System.arraycopy(from, offset, bytes, size, length);
      size += length;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }
}
