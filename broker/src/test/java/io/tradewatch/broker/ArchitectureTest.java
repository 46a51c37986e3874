package io.tradewatch.broker;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The embedded broker is infrastructure: it knows topic settings, not the pipeline. */
@AnalyzeClasses(
    packages = "io.tradewatch.broker",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnSchemasAlone =
      noClasses()
          .that()
          .resideInAPackage("io.tradewatch.broker..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("io.tradewatch..")
                  .and(not(resideInAnyPackage("io.tradewatch.broker..", "io.tradewatch.schemas..")))
                  .as("belong to a tradewatch module other than schemas"))
          .because(
              "local, bench and the tests of every module start the broker, so it can use none"
                  + " of them: pass what it needs (listeners, topic settings) in as values");
}
