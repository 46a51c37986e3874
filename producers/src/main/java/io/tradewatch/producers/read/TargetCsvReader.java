package io.tradewatch.producers.read;

import io.tradewatch.avro.Flow;
import io.tradewatch.avro.TargetDefinition;
import io.tradewatch.schemas.RecordChecks;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Our target format: {@code
 * target_id,name,source,reporter,partner,flow,hs_codes,target_usd,base_year,deadline_year,revision},
 * with {@code hs_codes} separated by spaces (empty: all products); {@code deadline_year} optional;
 * revision defaults to 1.
 */
public final class TargetCsvReader extends CsvRecordReader<TargetDefinition> {
  static final List<String> COLUMNS =
      List.of(
          "target_id",
          "name",
          "source",
          "reporter",
          "partner",
          "flow",
          "hs_codes",
          "target_usd",
          "base_year");

  private final RecordChecks checks;

  public TargetCsvReader(RecordChecks checks) {
    this.checks = checks;
  }

  @Override
  public InputFormat format() {
    return InputFormat.TARGETS;
  }

  @Override
  public List<String> requiredColumns() {
    return COLUMNS;
  }

  @Override
  Optional<String> check(TargetDefinition record) {
    return checks.check(record);
  }

  @Override
  TargetDefinition map(Fields row) {
    String codes = row.optional("hs_codes");
    Integer revision = row.optionalInteger("revision");
    return TargetDefinition.newBuilder()
        .setTargetId(row.required("target_id"))
        .setRevision(revision == null ? 1 : revision)
        .setName(row.required("name"))
        .setSource(row.required("source"))
        .setReporter(row.required("reporter"))
        .setPartner(row.required("partner"))
        .setFlow(row.symbol("flow", Flow.class))
        .setHsCodes(codes.isEmpty() ? List.of() : Arrays.asList(codes.split("\\s+")))
        .setTargetUsd(row.usd("target_usd"))
        .setBaseYear(row.integer("base_year"))
        .setDeadlineYear(row.optionalInteger("deadline_year"))
        .build();
  }
}
