package io.tradewatch.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The topology's state schemas stay its own, across every module this one sees (schemas, broker,
 * producers, streams, dashboard and local; bench has the same rule in its own test).
 */
@AnalyzeClasses(packages = "io.tradewatch", importOptions = ImportOption.DoNotIncludeTests.class)
class StateSchemasArchitectureTest {

  @ArchTest
  static final ArchRule onlyTheTopologyUsesItsStateSchemas =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "io.tradewatch.streams.topology..", "io.tradewatch.avro..", "io.tradewatch.schemas..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.tradewatch.avro.internal..")
          .because(
              "the state schemas (io.tradewatch.avro.internal) are the topology's internals and"
                  + " change with it: read its figures from the output schemas in"
                  + " io.tradewatch.avro");
}
