package io.tradewatch.schemas;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Schemas is the bottom module: every other tradewatch module uses it, it uses none of them. */
@AnalyzeClasses(
    packages = {"io.tradewatch.schemas", "io.tradewatch.avro"},
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnNoOtherModule =
      noClasses()
          .that()
          .resideInAnyPackage("io.tradewatch.schemas..", "io.tradewatch.avro..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("io.tradewatch..")
                  .and(resideOutsideOfPackages("io.tradewatch.schemas..", "io.tradewatch.avro.."))
                  .as("belong to another tradewatch module"))
          .because(
              "schemas is shared by every module, so it can use none of them: move what it needs"
                  + " (a key format, a topic, a record check) into io.tradewatch.schemas and have"
                  + " the other module use it from there");
}
