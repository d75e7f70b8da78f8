package com.faceid.ledger.app.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast build ({@code mvn -B verify -Pfast}) leaves out the tests tagged "service": every test that starts the
 * service with {@code @SpringBootTest} must carry the tag, or the fast build would start it after all.
 */
class FastBuildTest {
    @Test
    void everyTestThatStartsTheServiceIsTaggedService() {
        List<JavaClass> starting = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("com.faceid.ledger.app").stream()
                .filter(c -> c.isAnnotatedWith(SpringBootTest.class)).toList();
        assertThat(starting).hasSizeGreaterThan(20);
        assertThat(starting.stream()
                .filter(c -> c.tryGetAnnotationOfType(Tag.class).map(t -> !t.value().equals("service")).orElse(true))
                .map(JavaClass::getName)).isEmpty();
    }
}
