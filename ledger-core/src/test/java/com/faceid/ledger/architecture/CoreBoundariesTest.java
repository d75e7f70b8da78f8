package com.faceid.ledger.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The core's packages form no cycle, and the events are its vocabulary: {@code event} (the events and the values
 * they carry) and {@code error} (the refusals) read no other package of the core, so every package may use them
 * without tying itself to the rules that produce them. docs/architecture.md, "Packages and their boundaries".
 */
class CoreBoundariesTest {
    static JavaClasses core;

    @BeforeAll
    static void importClasses() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.faceid.ledger");
    }

    @Test
    void theCoresPackagesAreFreeOfCycles() {
        slices().matching("com.faceid.ledger.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void theEventsDependOnNoOtherPackageOfTheCore() {
        noClasses().that().resideInAPackage("com.faceid.ledger.event..")
                .should().dependOnClassesThat(resideInAPackage("com.faceid.ledger..")
                        .and(resideOutsideOfPackage("com.faceid.ledger.event..")))
                .check(core);
    }

    @Test
    void theRefusalsDependOnNoOtherPackageOfTheCore() {
        noClasses().that().resideInAPackage("com.faceid.ledger.error..")
                .should().dependOnClassesThat(resideInAPackage("com.faceid.ledger..")
                        .and(resideOutsideOfPackage("com.faceid.ledger.error..")))
                .check(core);
    }
}
