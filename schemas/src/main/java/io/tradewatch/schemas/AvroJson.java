package io.tradewatch.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * The one way tradewatch writes an Avro record as JSON: the dashboard's API and push updates,
 * {@code analyze --json} and the alert webhook all use it, so a record reads the same everywhere.
 *
 * <ul>
 *   <li>a record is an object with its fields in schema order, nested records recursively;
 *   <li>a decimal is a string, {@link BigDecimal#toPlainString() plain} with its scale ({@code
 *       "53100000.00"}, never {@code 5.31E+7}): no figure passes through a double, and a JavaScript
 *       reader keeps every cent. Floats and doubles (no tradewatch schema has one) are their
 *       decimal text too;
 *   <li>int and long are JSON numbers, boolean is {@code true} / {@code false}, null is {@code
 *       null};
 *   <li>string and enum are strings (the enum's symbol);
 *   <li>array is a JSON array, map is an object (Avro map keys are strings);
 *   <li>bytes and fixed are base64 strings, unless their logical type is a decimal (then as above);
 *   <li>any other logical type is its ISO text ({@code timestamp-millis} as {@code
 *       "2024-03-01T10:15:30Z"}, {@code date} as {@code "2024-03-01"}, {@code uuid}).
 * </ul>
 */
public final class AvroJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

  private AvroJson() {}

  /** A record as a JSON object. */
  public static ObjectNode toJson(IndexedRecord record) {
    ObjectNode node = NODES.objectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      node.set(field.name(), value(record.get(field.pos()), field.schema()));
    }
    return node;
  }

  /** Any Avro value (a record, a field's value, or null) as JSON. */
  public static JsonNode toJson(Object value) {
    return value(value, null);
  }

  /** {@link #toJson(Object)} as compact JSON text. */
  public static String toJsonString(Object value) {
    return toJson(value).toString();
  }

  /**
   * @param schema the value's schema where the caller knows it (a field's, an array's items), else
   *     null; needed only for a decimal a reader left as bytes (a generic record)
   */
  private static JsonNode value(Object v, Schema schema) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof IndexedRecord r) {
      return toJson(r);
    }
    if (v instanceof BigDecimal d) {
      return NODES.textNode(d.toPlainString());
    }
    if (v instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (v instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof ByteBuffer b) {
      Schema bytes = branch(schema, Schema.Type.BYTES);
      if (isDecimal(bytes)) {
        return NODES.textNode(
            DECIMALS.fromBytes(b.duplicate(), bytes, bytes.getLogicalType()).toPlainString());
      }
      ByteBuffer copy = b.duplicate();
      byte[] out = new byte[copy.remaining()];
      copy.get(out);
      return NODES.textNode(Base64.getEncoder().encodeToString(out));
    }
    if (v instanceof GenericFixed f) {
      if (isDecimal(f.getSchema())) {
        return NODES.textNode(
            DECIMALS.fromFixed(f, f.getSchema(), f.getSchema().getLogicalType()).toPlainString());
      }
      return NODES.textNode(Base64.getEncoder().encodeToString(f.bytes()));
    }
    if (v instanceof byte[] b) {
      return NODES.textNode(Base64.getEncoder().encodeToString(b));
    }
    if (v instanceof Map<?, ?> m) {
      Schema map = branch(schema, Schema.Type.MAP);
      Schema values = map == null ? null : map.getValueType();
      ObjectNode node = NODES.objectNode();
      m.forEach((k, x) -> node.set(String.valueOf(k), value(x, values)));
      return node;
    }
    if (v instanceof Collection<?> c) {
      Schema array = branch(schema, Schema.Type.ARRAY);
      Schema items = array == null ? null : array.getElementType();
      ArrayNode node = NODES.arrayNode(c.size());
      c.forEach(x -> node.add(value(x, items)));
      return node;
    }
    // String and Utf8, enum symbols (generated or generic), floats and doubles, and the other
    // logical types (Instant, LocalDate, UUID, ...): their text.
    return NODES.textNode(v.toString());
  }

  /** {@code schema} itself if of {@code type}, else its union branch of that type, else null. */
  private static Schema branch(Schema schema, Schema.Type type) {
    if (schema == null || schema.getType() == type) {
      return schema;
    }
    if (schema.getType() == Schema.Type.UNION) {
      for (Schema s : schema.getTypes()) {
        if (s.getType() == type) {
          return s;
        }
      }
    }
    return null;
  }

  private static boolean isDecimal(Schema schema) {
    LogicalType type = schema == null ? null : schema.getLogicalType();
    return type instanceof LogicalTypes.Decimal;
  }
}
