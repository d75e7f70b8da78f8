package com.faceid.ledger.app.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A released migration never changes: Flyway refuses to start on a database whose applied migration's checksum
 * differs from the file's. Each vendor's migrations (its folder plus {@code common}) are listed with the SHA-256
 * of their content in {@code released-migrations.txt}; a new migration adds its line, an edited one fails here.
 * A file may move between its vendor's folder and {@code common} (its name and content, hence Flyway's checksum,
 * stay the same: V4 to V6 moved so, and a database migrated before the move validates, checked by starting the
 * previous jar's database with the new one), and no version may be defined twice for a vendor.
 */
class ReleasedMigrationsTest {
    static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");
    static final Path RELEASED = Path.of("src", "test", "resources", "released-migrations.txt");

    static List<String> current() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String vendor : List.of("h2", "postgresql")) {
            TreeMap<Integer, String> byVersion = new TreeMap<>();
            for (Path dir : List.of(MIGRATIONS.resolve(vendor), MIGRATIONS.resolve("common"))) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                        String name = f.getFileName().toString();
                        int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
                        String previous = byVersion.put(version, vendor + " " + name + " " + sha256(f));
                        assertThat(previous).as(vendor + ": version " + version + " defined twice").isNull();
                    }
                }
            }
            lines.addAll(byVersion.values());
        }
        return lines;
    }

    static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noReleasedMigrationChangesAndNoVersionIsDefinedTwice() throws Exception {
        List<String> now = current();
        if (Boolean.getBoolean("ledger.migrations.write")) {
            Files.write(RELEASED, now);
        }
        List<String> released = Files.readAllLines(RELEASED).stream().filter(l -> !l.isBlank()).toList();
        assertThat(now).as("every released migration, unchanged (a new one: add its line with"
                + " -Dledger.migrations.write=true)").containsAll(released);
        assertThat(now).hasSameSizeAs(released);
    }
}
