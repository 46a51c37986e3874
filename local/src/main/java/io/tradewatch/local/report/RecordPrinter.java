package io.tradewatch.local.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradewatch.schemas.Topic;
import io.tradewatch.schemas.Topics;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Prints every final output record: one table per topic, or one JSON object per line with the
 * topic, the key and the fields (decimals as strings, so no figure passes through a double).
 */
public final class RecordPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordPrinter() {}

  public static void json(OutputSnapshot snapshot, Topics topics, PrintWriter out) {
    for (Topic<String, ? extends SpecificRecord> topic : OutputSnapshot.outputs(topics)) {
      for (Map.Entry<String, SpecificRecord> e : snapshot.topic(topic).entrySet()) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", topic.name());
        line.put("key", e.getKey());
        line.set("value", toJson(e.getValue()));
        out.println(line.toString());
      }
    }
    out.flush();
  }

  static ObjectNode toJson(SpecificRecord record) {
    ObjectNode node = JSON.createObjectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      if (value == null) {
        node.putNull(field.name());
      } else if (value instanceof Integer i) {
        node.put(field.name(), i);
      } else if (value instanceof Long l) {
        node.put(field.name(), l);
      } else if (value instanceof BigDecimal d) {
        node.put(field.name(), d.toPlainString());
      } else if (value instanceof SpecificRecord nested) {
        node.set(field.name(), toJson(nested));
      } else if (value instanceof List<?> list) {
        var array = node.putArray(field.name());
        list.forEach(item -> array.add(String.valueOf(item)));
      } else {
        node.put(field.name(), value.toString());
      }
    }
    return node;
  }

  public static void tables(OutputSnapshot snapshot, Topics topics, PrintWriter out) {
    for (Topic<String, ? extends SpecificRecord> topic : OutputSnapshot.outputs(topics)) {
      SortedMap<String, SpecificRecord> values = snapshot.topic(topic);
      out.println(topic.name() + " (" + values.size() + " records)");
      if (values.isEmpty()) {
        out.println();
        continue;
      }
      List<String> columns = columns(values.values().iterator().next().getSchema());
      String[] header = new String[columns.size() + 1];
      header[0] = "key";
      for (int i = 0; i < columns.size(); i++) {
        header[i + 1] = columns.get(i);
      }
      TextTable table = new TextTable(header);
      for (Map.Entry<String, SpecificRecord> e : values.entrySet()) {
        Object[] row = new Object[header.length];
        row[0] = e.getKey();
        for (int i = 0; i < columns.size(); i++) {
          Object v = e.getValue().get(e.getValue().getSchema().getField(columns.get(i)).pos());
          row[i + 1] = v instanceof BigDecimal d ? d.toPlainString() : v;
        }
        table.row(row);
      }
      out.print(table.render());
      out.println();
    }
    out.flush();
  }

  /** The figures of a record; the identifying fields are already in its key. */
  private static List<String> columns(Schema schema) {
    return schema.getFields().stream()
        .map(Schema.Field::name)
        .filter(
            name ->
                !List.of(
                        "source",
                        "reporter",
                        "partner",
                        "counterpart",
                        "hsGroup",
                        "year",
                        "month",
                        "targetId",
                        "name",
                        "recordKey",
                        "direction",
                        "measure")
                    .contains(name))
        .filter(name -> !name.startsWith("ytd") || name.equals("ytdTurnoverUsd"))
        .filter(name -> !name.startsWith("t12m") || name.equals("t12mTurnoverUsd"))
        .toList();
  }
}
