package io.tradewatch.producers.read;

import org.apache.avro.specific.SpecificRecord;

/** What one input row became: a record, a rejection, or a row deliberately skipped. */
public sealed interface Row {
  long line();

  /** A valid record to publish. */
  record Accepted(long line, SpecificRecord record) implements Row {}

  /** A row that is wrong; it goes to the dead-letter topic. */
  record Rejected(long line, Rejection rejection) implements Row {}

  /** A correct row that is not wanted, e.g. a UN Comtrade breakdown row that would double count. */
  record Skipped(long line, String reason) implements Row {}
}
