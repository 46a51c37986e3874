package io.tradewatch.producers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The readers and the publisher are a library ({@code read}, {@code publish}, {@code synthetic})
 * that the {@code publish} command, {@code local} and {@code bench} use; producers depends on no
 * module above it.
 */
@AnalyzeClasses(
    packages = "io.tradewatch.producers",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule libraryCallsNoCommandLine =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.tradewatch.producers.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.tradewatch.producers.cli..", "picocli..")
          .because(
              "read, publish and synthetic are used by local and bench without the publish"
                  + " command: move what they need from io.tradewatch.producers.cli (printing,"
                  + " file checks, option values) into the library package that uses it and have"
                  + " the command call it from there");

  @ArchTest
  static final ArchRule dependsOnNoModuleAbove =
      noClasses()
          .that()
          .resideInAPackage("io.tradewatch.producers..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.tradewatch.streams..",
              "io.tradewatch.dashboard..",
              "io.tradewatch.local..",
              "io.tradewatch.bench..")
          .because(
              "producers builds on schemas alone and its output reaches streams only through"
                  + " Kafka topics: move what producers needs from another module into producers"
                  + " or schemas");
}
