package io.tradewatch.dashboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dashboard reads the stores through their catalogue and depends on no module above it. */
@AnalyzeClasses(
    packages = "io.tradewatch.dashboard",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule readsStoresThroughTheirCatalogue =
      noClasses()
          .that()
          .resideInAPackage("io.tradewatch.dashboard..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.tradewatch.streams.topology..")
          .because(
              "the topology's classes are its internals and change with it: take store names"
                  + " from io.tradewatch.streams.query.QueryableStores and key routing from"
                  + " io.tradewatch.streams.query.StoreRouting, and add there whatever else the"
                  + " dashboard needs to know about the stores");

  @ArchTest
  static final ArchRule dependsOnNoModuleAbove =
      noClasses()
          .that()
          .resideInAPackage("io.tradewatch.dashboard..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.tradewatch.local..", "io.tradewatch.bench..")
          .because(
              "local and bench start the dashboard, so it cannot use them: move what the dashboard"
                  + " needs into the dashboard (or into streams or schemas) and have local or bench"
                  + " use it from there");
}
