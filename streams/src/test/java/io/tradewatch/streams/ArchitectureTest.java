package io.tradewatch.streams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers of the streams module: {@code domain} is plain maths that knows nothing of Kafka, Avro
 * or JSON; {@code query} is the catalogue of queryable stores that readers (the dashboard) use
 * instead of the topology; the module depends on no tradewatch module above it.
 */
@AnalyzeClasses(
    packages = "io.tradewatch.streams",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsPlainMaths =
      noClasses()
          .that()
          .resideInAPackage("io.tradewatch.streams.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.kafka..",
              "org.apache.avro..",
              "io.tradewatch.avro..",
              "com.fasterxml.jackson..")
          .because(
              "domain holds the business maths as plain Java on exact decimals, testable without"
                  + " Kafka, Avro or a JSON library: convert Avro records to domain values in"
                  + " io.tradewatch.streams.topology, and read files (JSON, e.g. the alert rules in"
                  + " io.tradewatch.streams.app.AlertRulesFile) outside domain, handing domain the"
                  + " checked values");

  @ArchTest
  static final ArchRule domainDependsOnNoOtherLayer =
      noClasses()
          .that()
          .resideInAPackage("io.tradewatch.streams.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.tradewatch.streams.topology..",
              "io.tradewatch.streams.app..",
              "io.tradewatch.streams.delivery..",
              "io.tradewatch.streams.query..")
          .because(
              "domain is the bottom layer: the topology, app and delivery use it, never the other"
                  + " way round; move what domain needs into domain, or pass it in as a plain value");

  @ArchTest
  static final ArchRule storeCatalogueStandsAlone =
      noClasses()
          .that()
          .resideInAPackage("io.tradewatch.streams.query..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.tradewatch.streams.topology..",
              "io.tradewatch.streams.app..",
              "io.tradewatch.streams.delivery..")
          .because(
              "io.tradewatch.streams.query is what readers of the stores (the dashboard) see of the"
                  + " topology: keep store names (QueryableStores) and key routing (StoreRouting)"
                  + " there and have the topology use them, so that readers never depend on the"
                  + " topology's internals");

  @ArchTest
  static final ArchRule dependsOnNoModuleAbove =
      noClasses()
          .that()
          .resideInAPackage("io.tradewatch.streams..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.tradewatch.producers..",
              "io.tradewatch.dashboard..",
              "io.tradewatch.local..",
              "io.tradewatch.bench..")
          .because(
              "streams builds on schemas alone: dashboard, local and bench depend on streams, and"
                  + " producers is a sibling that only shares schemas with it; move what streams"
                  + " needs from them into streams or schemas and have them use it from there");
}
