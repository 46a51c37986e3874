package io.tradewatch.producers.read;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Turns one row of an input format into a record; throws {@link RowException} for a bad row. */
interface RowMapper {
  /** Columns the header must name; others are ignored. */
  List<String> requiredColumns();

  /** The record of a row, or null to skip it with {@link #skipReason}. */
  SpecificRecord map(Fields row);

  /** Why the last row mapped to null was skipped. */
  default String skipReason() {
    return "skipped";
  }
}
