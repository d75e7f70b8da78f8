package com.faceid.ledger.app.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Runs the storage suite on PostgreSQL: with {@code LEDGER_TEST_DB=postgres}, every context a test starts
 * on an H2 file URL gets a PostgreSQL schema of its own instead, named after that URL (so a test that
 * restarts on the same files finds its data again). {@code LEDGER_TEST_PG_URL} (default
 * jdbc:postgresql://127.0.0.1:5432/ledger_test), {@code LEDGER_TEST_PG_USER} (postgres),
 * {@code LEDGER_TEST_PG_PASSWORD} (empty) point it at another server.
 */
public class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    public static boolean enabled() {
        return "postgres".equalsIgnoreCase(System.getenv("LEDGER_TEST_DB"))
                || "postgres".equalsIgnoreCase(System.getProperty("ledger.test.db"));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!enabled()) {
            return;
        }
        String h2 = context.getEnvironment().getProperty("spring.datasource.url");
        if (h2 == null || !h2.startsWith("jdbc:h2:")) {
            return;
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("postgres-test",
                new java.util.HashMap<String, Object>(settings(h2, base()))));
    }

    /** The server the tests use: LEDGER_TEST_PG_URL, or the machine's. */
    public static String base() {
        return env("LEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/ledger_test");
    }

    /**
     * The settings that put a context started on the H2 URL {@code h2} on a PostgreSQL schema of its own, on the server
     * at {@code base} (a test may route it through a proxy: {@link #base} with another host and port).
     */
    public static Map<String, String> settings(String h2, String base) {
        String schema = "t_" + sha1(h2).substring(0, 24);
        return Map.of(
                "spring.datasource.url", base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "spring.datasource.username", env("LEDGER_TEST_PG_USER", "postgres"),
                "spring.datasource.password", env("LEDGER_TEST_PG_PASSWORD", ""),
                "spring.datasource.hikari.connection-init-sql", "SET synchronous_commit = on",
                "spring.datasource.hikari.maximum-pool-size", "8",
                "spring.flyway.schemas", schema,
                "spring.flyway.default-schema", schema,
                "spring.flyway.create-schemas", "true");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
