package io.tradewatch.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro datum writer whose work per schema node is decided once, when it is built, rather than
 * for every value: each record field, array item, map value and union branch gets a writer for its
 * type, its logical type's conversion is looked up once, and a nullable union needs no branch
 * lookup. Avro's own {@code GenericDatumWriter} makes those decisions again for every value (field
 * by field conversion and union lookups in hash maps), which was most of what encoding a figure
 * cost; Avro's compiler generates such code ({@code customEncode}) only for records without logical
 * types, and every record here holds decimals.
 *
 * <p>It writes exactly the bytes Avro's specific writer writes ({@code CompiledDatumWriterTest}
 * compares them for random records of every schema this project writes): strings as their UTF-8
 * length and bytes, enums by ordinal, arrays and maps as one block followed by the end marker,
 * logical types through the conversions the model holds.
 *
 * @param <T> the datum type
 */
final class CompiledDatumWriter<T> implements DatumWriter<T> {

  /** Writes one value of a schema node. */
  @FunctionalInterface
  private interface Node {
    void write(Object value, Encoder out) throws IOException;
  }

  private final Node root;

  /**
   * @param model the data model whose conversions (decimals, timestamps) the schema's logical types
   *     use: the generated class's own, as {@code SpecificData.getForClass} returns it
   */
  CompiledDatumWriter(Schema schema, GenericData model) {
    this.root = new Compiler().compile(schema, model);
  }

  @Override
  public void setSchema(Schema schema) {
    throw new UnsupportedOperationException("compiled for one schema");
  }

  @Override
  public void write(T datum, Encoder out) throws IOException {
    root.write(datum, out);
  }

  /**
   * Builds the writers of a schema's nodes; named types are compiled once each. Logical types
   * convert with the model's conversions: a generated class's model holds those of every record it
   * nests.
   */
  private static final class Compiler {
    private final Map<String, Node[]> named = new HashMap<>();

    Node compile(Schema schema, GenericData model) {
      LogicalType logical = schema.getLogicalType();
      Node raw = raw(schema, model);
      if (logical == null) {
        return raw;
      }
      Conversion<?> conversion = model.getConversionFor(logical);
      if (conversion == null) {
        return raw;
      }
      Class<?> converted = conversion.getConvertedType();
      return (value, out) ->
          raw.write(
              converted.isInstance(value)
                  ? Conversions.convertToRawType(value, schema, logical, rawConversion(conversion))
                  : value,
              out);
    }

    @SuppressWarnings("unchecked")
    private static Conversion<Object> rawConversion(Conversion<?> conversion) {
      return (Conversion<Object>) conversion;
    }

    private Node raw(Schema schema, GenericData model) {
      return switch (schema.getType()) {
        case RECORD -> record(schema, model);
        case UNION -> union(schema, model);
        case ARRAY -> array(schema, model);
        case MAP -> map(schema, model);
        case STRING -> CompiledDatumWriter::writeString;
        case ENUM -> enumeration(schema);
        case INT -> (value, out) -> out.writeInt(((Number) value).intValue());
        case LONG -> (value, out) -> out.writeLong(((Number) value).longValue());
        case FLOAT -> (value, out) -> out.writeFloat((Float) value);
        case DOUBLE -> (value, out) -> out.writeDouble((Double) value);
        case BOOLEAN -> (value, out) -> out.writeBoolean((Boolean) value);
        case NULL -> (value, out) -> out.writeNull();
        case BYTES -> (value, out) -> out.writeBytes((ByteBuffer) value);
        case FIXED -> (value, out) -> out.writeFixed(((GenericFixed) value).bytes());
      };
    }

    private Node record(Schema schema, GenericData model) {
      // A holder filled after the fields are compiled: a record may refer to itself.
      Node[] self = named.get(schema.getFullName());
      if (self != null) {
        return (value, out) -> self[0].write(value, out);
      }
      Node[] holder = new Node[1];
      named.put(schema.getFullName(), holder);
      List<Schema.Field> fields = schema.getFields();
      Node[] writers = new Node[fields.size()];
      int[] positions = new int[fields.size()];
      String[] names = new String[fields.size()];
      for (int i = 0; i < writers.length; i++) {
        writers[i] = compile(fields.get(i).schema(), model);
        positions[i] = fields.get(i).pos();
        names[i] = schema.getName() + "." + fields.get(i).name();
      }
      holder[0] =
          (value, out) -> {
            IndexedRecord record = (IndexedRecord) value;
            for (int i = 0; i < writers.length; i++) {
              Object field = record.get(positions[i]);
              try {
                writers[i].write(field, out);
              } catch (NullPointerException | ClassCastException e) {
                throw new AvroTypeException(
                    "cannot write "
                        + (field == null ? "null" : field.getClass().getSimpleName())
                        + " at "
                        + names[i]
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    e);
              }
            }
          };
      return holder[0];
    }

    private Node union(Schema schema, GenericData model) {
      List<Schema> branches = schema.getTypes();
      Node[] writers = new Node[branches.size()];
      int nullBranch = -1;
      for (int i = 0; i < writers.length; i++) {
        writers[i] = compile(branches.get(i), model);
        if (branches.get(i).getType() == Schema.Type.NULL) {
          nullBranch = i;
        }
      }
      if (branches.size() == 2 && nullBranch >= 0) {
        int isNull = nullBranch;
        int other = 1 - nullBranch;
        Node value = writers[other];
        return (datum, out) -> {
          if (datum == null) {
            out.writeIndex(isNull);
            out.writeNull();
          } else {
            out.writeIndex(other);
            value.write(datum, out);
          }
        };
      }
      return (datum, out) -> {
        int branch = model.resolveUnion(schema, datum);
        out.writeIndex(branch);
        writers[branch].write(datum, out);
      };
    }

    private Node array(Schema schema, GenericData model) {
      Node item = compile(schema.getElementType(), model);
      return (value, out) -> {
        Collection<?> items = (Collection<?>) value;
        out.writeArrayStart();
        out.setItemCount(items.size());
        for (Object element : items) {
          out.startItem();
          item.write(element, out);
        }
        out.writeArrayEnd();
      };
    }

    private Node map(Schema schema, GenericData model) {
      Node entry = compile(schema.getValueType(), model);
      return (value, out) -> {
        Map<?, ?> entries = (Map<?, ?>) value;
        out.writeMapStart();
        out.setItemCount(entries.size());
        for (Map.Entry<?, ?> e : entries.entrySet()) {
          out.startItem();
          writeString(e.getKey(), out);
          entry.write(e.getValue(), out);
        }
        out.writeMapEnd();
      };
    }

    private static Node enumeration(Schema schema) {
      return (value, out) ->
          out.writeEnum(
              value instanceof Enum<?> constant
                  ? constant.ordinal()
                  : schema.getEnumOrdinal(value.toString()));
    }
  }

  /**
   * A string as Avro writes it, its UTF-8 length and bytes: from the JDK's encoding, a plain copy
   * for the ASCII strings here, where Avro's encoder walks a string one char at a time.
   */
  private static void writeString(Object value, Encoder out) throws IOException {
    if (value instanceof Utf8 utf8) {
      out.writeString(utf8);
    } else {
      out.writeBytes(value.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
