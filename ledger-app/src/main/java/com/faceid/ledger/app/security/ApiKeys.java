package com.faceid.ledger.app.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The configured keys ({@code ledger.security.api-keys}, or the environment variable
 * {@code LEDGER_SECURITY_API_KEYS}, comma-separated). With none configured the ledger never runs open or
 * with a publicly known key: at its first start it generates an OPERATOR key {@code bootstrap}, prints
 * the secret once, and stores only its hash (table api_key_hash), which later starts reuse.
 */
@Component
public class ApiKeys {
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    private final List<ApiKey> keys;

    public ApiKeys(Environment env, JdbcTemplate jdbc) {
        List<String> configured = Binder.get(env)
                .bind("ledger.security.api-keys", Bindable
                        .listOf(String.class)).orElse(List.of());
        List<String> entries = new ArrayList<>(configured.stream().filter(s -> !s.isBlank()).toList());
        String fromEnv = env.getProperty("LEDGER_SECURITY_API_KEYS");
        if (fromEnv != null && !fromEnv.isBlank() && entries.isEmpty()) {
            entries.addAll(Arrays.stream(fromEnv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
        List<ApiKey> parsed = new ArrayList<>(entries.stream().map(ApiKey::parse).toList());
        if (parsed.isEmpty()) {
            parsed.add(bootstrap(jdbc));
        } else if (!jdbc.queryForList("SELECT key_id FROM api_key_hash WHERE key_id = 'bootstrap'", String.class)
                .isEmpty()) {
            // an operator who configured keys after a first start still holds the printed key: say it stopped working
            log.warn("the generated bootstrap key is not accepted while keys are configured"
                    + " (ledger.security.api-keys / LEDGER_SECURITY_API_KEYS); use a configured key");
        }
        long distinct = parsed.stream().map(ApiKey::keyId).distinct().count();
        if (distinct != parsed.size()) {
            throw new IllegalArgumentException("ledger.security.api-keys: key ids must be unique");
        }
        this.keys = List.copyOf(parsed);
        log.info("API keys loaded: {}", keys.stream().map(k -> k.keyId() + " (" + k.role() + ")").toList());
    }

    public Optional<ApiKey> find(String secret) {
        byte[] hash = ApiKey.sha256(secret);
        ApiKey found = null;
        for (ApiKey k : keys) { // no early exit: the time taken does not depend on which key matched
            if (k.matches(hash)) {
                found = k;
            }
        }
        return Optional.ofNullable(found);
    }

    private static ApiKey bootstrap(JdbcTemplate jdbc) {
        List<String> stored = jdbc.queryForList("SELECT sha256_hex FROM api_key_hash WHERE key_id = 'bootstrap'",
                String.class);
        if (!stored.isEmpty()) {
            log.warn("No ledger.security.api-keys configured: using the stored bootstrap OPERATOR key (its secret"
                    + " was printed at the first start). Configure keys for production.");
            return ApiKey.parse("bootstrap:OPERATOR:" + stored.get(0));
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = "lk_" + HexFormat.of().formatHex(random);
        String hash = ApiKey.sha256Hex(secret);
        jdbc.update("INSERT INTO api_key_hash (key_id, sha256_hex) VALUES ('bootstrap', ?)", hash);
        // printed once, to the console only; the ledger keeps the hash alone
        System.out.println("\n================================================================================\n"
                + " No API keys configured. Generated an OPERATOR key for this ledger (shown only now):\n\n"
                + "   Authorization: Bearer " + secret + "\n\n"
                + " Only its SHA-256 is stored. Configure ledger.security.api-keys for real deployments.\n"
                + "================================================================================\n");
        return ApiKey.parse("bootstrap:OPERATOR:" + hash);
    }
}
