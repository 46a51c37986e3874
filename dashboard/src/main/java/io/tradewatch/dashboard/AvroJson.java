package io.tradewatch.dashboard;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro records as plain JSON-ready maps, field by field in schema order. Decimals become strings
 * ({@code "53100000.00"}): money never passes through a double, and a JavaScript reader keeps every
 * cent.
 */
final class AvroJson {
  private AvroJson() {}

  static Map<String, Object> toMap(IndexedRecord record) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      out.put(field.name(), value(record.get(field.pos())));
    }
    return out;
  }

  static Object value(Object v) {
    if (v == null || v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      return v;
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Number n) {
      // Avro float/double fields: none of ours carry money, but keep them exact as text anyway.
      return n.toString();
    }
    if (v instanceof IndexedRecord r) {
      return toMap(r);
    }
    if (v instanceof ByteBuffer b) {
      ByteBuffer copy = b.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), value(x)));
      return out;
    }
    if (v instanceof Collection<?> c) {
      var out = new ArrayList<Object>(c.size());
      c.forEach(x -> out.add(value(x)));
      return out;
    }
    // CharSequence (String or Utf8) and enum symbols.
    return v.toString();
  }
}
