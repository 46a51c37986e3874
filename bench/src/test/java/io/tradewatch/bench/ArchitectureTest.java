package io.tradewatch.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The benchmark measures the application as users run it, through its public entry points. */
@AnalyzeClasses(
    packages = "io.tradewatch.bench",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule runsTheTopologyAsUsersDo =
      noClasses()
          .that()
          .resideInAPackage("io.tradewatch.bench..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.tradewatch.streams.topology..", "io.tradewatch.avro.internal..")
          .because(
              "a benchmark that reaches into the topology measures something users never run:"
                  + " start it through io.tradewatch.streams.app and read its outputs from the"
                  + " output topics or io.tradewatch.streams.query");
}
