package io.tradewatch.local.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradewatch.schemas.AvroJson;
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
 * topic, the key and the record as {@link AvroJson} writes it (decimals as strings, so no figure
 * passes through a double).
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
        line.set("value", AvroJson.toJson(e.getValue()));
        out.println(line.toString());
      }
    }
    out.flush();
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
