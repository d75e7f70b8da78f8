package com.faceid.ledger.app.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No cycle between the service's packages in the source, which sees what the class files cannot: javac copies a
 * constant ({@code static final String}) into every class that reads it, so a package that reads another's
 * constant depends on it without a trace in the bytecode ArchUnit checks (statement once read audit's
 * {@code HashChain.META} while audit imported statement). Every import and every name written out in full counts;
 * the core's packages are held to the same.
 */
class SourceCyclesTest {
    static final Path APP = Path.of("src", "main", "java", "com", "faceid", "ledger", "app");
    static final Pattern REFERENCE = Pattern.compile("com\\.faceid\\.ledger\\.app\\.([a-z]+)\\.[A-Z]");
    static final Path CORE = Path.of("..", "ledger-core", "src", "main", "java", "com", "faceid", "ledger");
    static final Pattern CORE_REFERENCE = Pattern.compile("com\\.faceid\\.ledger\\.(?!app\\.)([a-z]+)\\.[A-Z]");

    @Test
    void theServicesPackagesFormNoCycleInTheirSources() throws IOException {
        assertNoCycle(APP, REFERENCE);
    }

    @Test
    void theCoresPackagesFormNoCycleInTheirSources() throws IOException {
        assertNoCycle(CORE, CORE_REFERENCE);
    }

    private static void assertNoCycle(Path root, Pattern reference) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = root.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the root package (the application, its settings) may use every feature
                }
                String from = relative.getName(0).toString();
                Matcher m = reference.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        uses.computeIfAbsent(from, k -> new TreeSet<>()).add(m.group(1));
                    }
                }
            }
        }
        assertThat(uses).as("packages read").isNotEmpty();
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            findCycle(start, start, uses, new ArrayList<>(List.of(start)), cycles);
        }
        assertThat(cycles).as("package cycles in the sources").isEmpty();
    }

    private static void findCycle(String start, String at, Map<String, Set<String>> uses, List<String> path,
                                  List<String> cycles) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (!path.contains(next) && next.compareTo(start) > 0) { // each cycle once, from its least package
                path.add(next);
                findCycle(start, next, uses, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
