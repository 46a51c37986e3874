package io.tradewatch.local.cli;

import io.tradewatch.streams.app.StreamsSettings;
import java.math.BigDecimal;
import picocli.CommandLine.Option;

/** Options of the topology shared by the sub-commands that run it. */
public final class TopologyOptions {
  @Option(
      names = "--cif-fob-factor",
      paramLabel = "FACTOR",
      defaultValue = "1",
      description =
          "Mirror statistics divide importer-reported (CIF) imports by this before comparing them"
              + " with exporter-reported (FOB) exports; 1 compares them as reported, the IMF"
              + " uses 1.06 (default: ${DEFAULT-VALUE}).")
  BigDecimal cifFobFactor;

  @Option(
      names = "--processing-guarantee",
      paramLabel = "GUARANTEE",
      defaultValue = "exactly_once_v2",
      description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
  String processingGuarantee;

  StreamsSettings apply(StreamsSettings settings) {
    return settings.withCifFobFactor(cifFobFactor).withProcessingGuarantee(processingGuarantee);
  }
}
