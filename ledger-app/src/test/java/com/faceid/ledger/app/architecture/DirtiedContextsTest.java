package com.faceid.ledger.app.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests keep the Spring contexts they start (Spring's context cache, at most 8: src/test/resources/
 * spring.properties); a class that moves its clock names a context of its own ({@code ledger.test.context}) instead
 * of throwing its context away. The few contexts still closed after their class are left in a state no ledger runs
 * in, and each says so.
 */
class DirtiedContextsTest {
    static final int MOST_DIRTIED_CONTEXTS = 3;

    @Test
    void atMostThreeTestClassesCloseTheirContextAndEachSaysWhy() {
        List<String> dirtied = sources("src/test/java").stream().map(DirtiedContextsTest::read)
                .flatMap(String::lines).filter(l -> l.trim().startsWith("@DirtiesContext")
                        || l.trim().startsWith("@org.springframework.test.annotation.DirtiesContext")).toList();
        assertThat(dirtied).hasSizeLessThanOrEqualTo(MOST_DIRTIED_CONTEXTS).allMatch(l -> l.contains("// "));
    }

    private static List<Path> sources(String root) {
        try (Stream<Path> files = Files.walk(Path.of(root))) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
