package io.tradewatch.schemas;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;

/**
 * Writes and reads one record type in its current schema's Avro binary form, field by field, as the
 * code Avro's compiler generates for records without logical types does ({@code customEncode}).
 * Avro generates none for records holding decimals, and its generic writer then looks up every
 * field's conversion and every union's branch for each value: for the ledger's state, encoded at
 * every commit, that lookup cost more than the encoding.
 *
 * <p>A codec writes exactly the bytes Avro's writer would ({@code AvroSerdeTest} compares them for
 * random values) and reads only records written with the current schema; {@link AvroSerde} leaves
 * records of older schema versions to Avro's resolving decoder.
 */
interface DirectCodec<T> {
  void write(T datum, BinaryEncoder out) throws IOException;

  T read(BinaryDecoder in) throws IOException;

  /**
   * A decimal field's values as Avro writes them: Avro's own conversion (scale and precision
   * checked as Avro checks them), as bytes.
   */
  final class Decimal {
    private static final Conversions.DecimalConversion CONVERSION =
        new Conversions.DecimalConversion();

    private final Schema schema;
    private final LogicalType type;

    /** The decimal schema of a field, or of the non-null branch of a nullable field. */
    Decimal(Schema field) {
      this.schema =
          field.getType() == Schema.Type.UNION
              ? field.getTypes().stream()
                  .filter(s -> s.getType() != Schema.Type.NULL)
                  .findFirst()
                  .orElseThrow()
              : field;
      this.type = schema.getLogicalType();
      if (!(type instanceof org.apache.avro.LogicalTypes.Decimal)) {
        throw new IllegalArgumentException("not a decimal: " + field);
      }
    }

    void write(BigDecimal value, BinaryEncoder out) throws IOException {
      out.writeBytes(CONVERSION.toBytes(value, schema, type));
    }

    BigDecimal read(BinaryDecoder in) throws IOException {
      ByteBuffer bytes = in.readBytes(null);
      return CONVERSION.fromBytes(bytes, schema, type);
    }

    /** A nullable decimal: union branch 0 is null, 1 the decimal (as the schemas declare them). */
    void writeNullable(BigDecimal value, BinaryEncoder out) throws IOException {
      if (value == null) {
        out.writeIndex(0);
        out.writeNull();
      } else {
        out.writeIndex(1);
        write(value, out);
      }
    }

    BigDecimal readNullable(BinaryDecoder in) throws IOException {
      int branch = in.readIndex();
      if (branch == 0) {
        in.readNull();
        return null;
      }
      if (branch != 1) {
        throw new IOException("union branch " + branch + " of a nullable decimal");
      }
      return read(in);
    }
  }
}
