package com.faceid.ledger.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries of the code base, kept by a test (as AxonIQ's giftcard demo keeps its own): the domain free of
 * Spring and of the service; no cycles between the service's packages (features and infrastructure alike);
 * controllers as entry points that reach storage only through the features' query and service classes; the
 * HTTP plumbing ({@code web}) beneath every feature. docs/architecture.md, "Packages and their boundaries".
 */
class BoundariesTest {
    static JavaClasses ledger;

    @BeforeAll
    static void importClasses() {
        ledger = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.faceid.ledger");
    }

    @Test
    void theDomainDependsOnNeitherSpringNorTheService() {
        ArchRule rule = noClasses().that().resideInAPackage("com.faceid.ledger..")
                .and().resideOutsideOfPackage("com.faceid.ledger.app..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.faceid.ledger.app..",
                        "jakarta.servlet..", "io.swagger..", "java.sql..", "javax.sql..");
        rule.check(ledger);
    }

    @Test
    void noCyclesBetweenTheServicesPackages() {
        slices().matching("com.faceid.ledger.app.(*)..").should().beFreeOfCycles().check(ledger);
    }


    @Test
    void controllersAreEntryPointsNothingCalls() {
        noClasses().that().areNotAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().areAnnotatedWith(RestController.class).check(ledger);
    }

    @Test
    void controllersReachStorageOnlyThroughTheFeaturesQueries() {
        noClasses().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
                .should().dependOnClassesThat().areAssignableTo(JdbcTemplate.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "org.axonframework.eventsourcing.eventstore..")
                .check(ledger);
    }

    @Test
    void theConsoleIsASecondFaceOfTheSameServicesNotOfTheApi() {
        // its pages call the services the API's controllers call, never the controllers, and nothing calls it
        noClasses().that().resideInAPackage("com.faceid.ledger.app.console..")
                .should().dependOnClassesThat().areAnnotatedWith(RestController.class).check(ledger);
        noClasses().that().resideOutsideOfPackage("com.faceid.ledger.app.console..")
                .should().dependOnClassesThat().resideInAPackage("com.faceid.ledger.app.console..").check(ledger);
    }

    @Test
    void theHttpPlumbingIsBeneathEveryFeature() {
        noClasses().that().resideInAPackage("com.faceid.ledger.app.web..")
                .should().dependOnClassesThat(resideInAPackage("com.faceid.ledger.app.(*)..")
                        .and(not(resideInAPackage("com.faceid.ledger.app.web.."))))
                .check(ledger);
    }
}
