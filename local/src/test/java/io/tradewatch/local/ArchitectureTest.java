package io.tradewatch.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The command line sits on top: {@code cli} uses {@code run}, {@code report} and {@code replay},
 * never the other way round, and local depends on no module above it.
 */
@AnalyzeClasses(
    packages = "io.tradewatch.local",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** The launcher's {@code main}, whose one job is to run the command line. */
  private static final String ENTRY_POINT = "io.tradewatch.local.TradewatchMain";

  @ArchTest
  static final ArchRule libraryCallsNoCommandLine =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.tradewatch.local.cli..")
          .and()
          .doNotHaveFullyQualifiedName(ENTRY_POINT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.tradewatch.local.cli..", "io.tradewatch.producers.cli..", "picocli..")
          .because(
              "run, report and replay are a library the commands call, usable without a command"
                  + " line: move what they need from a command (printing, file checks, exit"
                  + " codes) into io.tradewatch.local.run or io.tradewatch.local.report, or into a"
                  + " producers library package (publish, read), and have the command call it"
                  + " from there");

  @ArchTest
  static final ArchRule dependsOnNoModuleAbove =
      noClasses()
          .that()
          .resideInAPackage("io.tradewatch.local..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.tradewatch.bench..")
          .because(
              "bench measures the pipeline local runs and may use local, never the other way"
                  + " round: move what local needs into local or a module below it");
}
