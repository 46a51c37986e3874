package io.tradewatch.producers.read;

import io.tradewatch.avro.FdiRecord;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.avro.TradeRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.commons.csv.CSVRecord;

/** Typed access to the columns of one CSV row, with errors that name the column and value. */
final class Fields {
  // The narrowest of the input schemas' money decimals: one limit for every format's USD column.
  private static final int USD_PRECISION =
      Math.min(
          precision(TradeRecord.getClassSchema(), "valueUsd"),
          Math.min(
              precision(FdiRecord.getClassSchema(), "valueUsd"),
              precision(TargetDefinition.getClassSchema(), "targetUsd")));
  private static final int QUANTITY_PRECISION =
      precision(TradeRecord.getClassSchema(), "netWeightKg");

  private final CSVRecord row;
  private final Map<String, Integer> columns;

  /**
   * @param columns the file's column positions by name, see {@link #columns}
   */
  Fields(CSVRecord row, Map<String, Integer> columns) {
    this.row = row;
    this.columns = columns;
  }

  /**
   * Column positions by name, resolved once per file from its header (the parser's own lookup by
   * name costs four hash lookups per column and row, and keeps a byte order mark in the first
   * name). A name that appears twice means its last column, as in the parser.
   */
  static Map<String, Integer> columns(List<String> header) {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      positions.put(header.get(i), i);
    }
    return Map.copyOf(positions);
  }

  /** A column's trimmed value, or empty when the column is absent or blank. */
  String optional(String column) {
    Integer position = columns.get(column);
    if (position == null || position >= row.size()) {
      return "";
    }
    return row.get(position).trim();
  }

  String required(String column) {
    String value = optional(column);
    if (value.isEmpty()) {
      throw new RowException(column + " is empty");
    }
    return value;
  }

  int integer(String column) {
    String value = required(column);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new RowException(column + " '" + value + "' is not a whole number");
    }
  }

  Integer optionalInteger(String column) {
    return optional(column).isEmpty() ? null : integer(column);
  }

  /** A money amount in USD, exact to the cent: more decimals are an error, never rounded. */
  BigDecimal usd(String column) {
    BigDecimal value = decimal(column, required(column));
    if (value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
      throw new RowException(column + " '" + value + "' has fractions of a cent");
    }
    return fitting(column, value.setScale(2, RoundingMode.UNNECESSARY), USD_PRECISION);
  }

  /** An optional measured quantity, to three decimals. */
  BigDecimal optionalQuantity(String column) {
    String raw = optional(column);
    if (raw.isEmpty()) {
      return null;
    }
    BigDecimal value = decimal(column, raw);
    if (value.stripTrailingZeros().scale() > 3) {
      throw new RowException(column + " '" + raw + "' has more than 3 decimals");
    }
    return fitting(column, value.setScale(3, RoundingMode.UNNECESSARY), QUANTITY_PRECISION);
  }

  /**
   * The value, when the schema's decimal can hold it: rejected here, the row names its column and
   * line; left to the Avro encoder, it would stop the whole file with no line at all.
   */
  private BigDecimal fitting(String column, BigDecimal value, int precision) {
    if (value.precision() > precision) {
      throw new RowException(
          column
              + " '"
              + optional(column)
              + "' is too large: at most "
              + (precision - value.scale())
              + " digits before the decimal point fit");
    }
    return value;
  }

  /** Digits of the schema's decimal {@code field}, e.g. 20 for {@code TradeRecord.valueUsd}. */
  static int precision(Schema record, String field) {
    Schema schema = record.getField(field).schema();
    if (schema.getType() == Schema.Type.UNION) {
      schema =
          schema.getTypes().stream()
              .filter(t -> t.getType() != Schema.Type.NULL)
              .findFirst()
              .orElseThrow();
    }
    return ((LogicalTypes.Decimal) schema.getLogicalType()).getPrecision();
  }

  static BigDecimal decimal(String column, String raw) {
    try {
      return new BigDecimal(raw);
    } catch (NumberFormatException e) {
      throw new RowException(column + " '" + raw + "' is not a decimal number");
    }
  }

  <E extends Enum<E>> E symbol(String column, Class<E> type) {
    String value = required(column);
    try {
      E symbol = Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT));
      if (symbol.name().equals("UNKNOWN")) {
        throw new IllegalArgumentException();
      }
      return symbol;
    } catch (IllegalArgumentException e) {
      throw new RowException(
          column + " '" + value + "' is not one of " + java.util.Arrays.toString(known(type)));
    }
  }

  private static <E extends Enum<E>> Object[] known(Class<E> type) {
    return java.util.Arrays.stream(type.getEnumConstants())
        .filter(e -> !e.name().equals("UNKNOWN"))
        .toArray();
  }
}
