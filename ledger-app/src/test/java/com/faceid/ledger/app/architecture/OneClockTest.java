package com.faceid.ledger.app.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One clock: nothing assigns Axon's JVM-wide event clock ({@code time.EventTimestamps} stamps each ledger's events
 * with its own), so the tests need neither a clock rebinding nor a context thrown away for the clock. The few
 * contexts still closed after their class are left in a state no ledger runs in, and each says so.
 */
class OneClockTest {
    static final Pattern ASSIGNS_AXON_CLOCK = Pattern.compile("GenericEventMessage\\.clock\\s*=[^=]");
    static final int MOST_DIRTIED_CONTEXTS = 3;

    @Test
    void nothingAssignsAxonsEventClock() {
        for (String root : List.of("src/main/java", "src/test/java", "../ledger-core/src/main/java")) {
            assertThat(sources(root)).noneMatch(f -> ASSIGNS_AXON_CLOCK.matcher(read(f)).find());
        }
    }

    @Test
    void atMostThreeTestClassesCloseTheirContextAndEachSaysWhy() {
        List<String> dirtied = sources("src/test/java").stream().map(OneClockTest::read)
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
