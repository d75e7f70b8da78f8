package com.faceid.ledger.app.security;

import com.faceid.ledger.app.LedgerApplication;
import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** With no keys configured the ledger never runs open: it makes one key, prints it once, keeps its hash. */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
class BootstrapKeyTest {
    static ConfigurableApplicationContext start(String dir) {
        return new SpringApplicationBuilder(LedgerApplication.class).run("--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dir + "/ledger;WRITE_DELAY=0",
                "--ledger.scheduler-enabled=false", "--logging.level.org.axonframework=WARN");
    }

    @Test
    void aGeneratedKeyIsPrintedOnceAndOnlyItsHashIsKept() {
        String dir = "./target/h2/bootstrap-" + UUID.randomUUID();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String secret;
        try (PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(tee);
            try (ConfigurableApplicationContext first = start(dir)) {
                System.setOut(original);
                Matcher m = Pattern.compile("Authorization: Bearer (lk_[0-9a-f]{64})")
                        .matcher(captured.toString(StandardCharsets.UTF_8));
                assertThat(m.find()).as("the generated key is printed").isTrue();
                secret = m.group(1);
                int port = Integer.parseInt(first.getEnvironment().getProperty("local.server.port"));
                assertThat(new Http(port, null).get("/api/v1/admin/clock").status()).isEqualTo(401);
                assertThat(new Http(port, "test-operator-secret").get("/api/v1/admin/clock").status()).isEqualTo(401);
                assertThat(new Http(port, secret).get("/api/v1/admin/clock").status()).isEqualTo(200);
                List<String> stored = first.getBean(JdbcTemplate.class)
                        .queryForList("SELECT sha256_hex FROM api_key_hash", String.class);
                assertThat(stored).hasSize(1);
                assertThat(stored.get(0)).isNotEqualTo(secret).hasSize(64);
            } finally {
                System.setOut(original);
            }
        }
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (PrintStream tee = new PrintStream(second, true, StandardCharsets.UTF_8)) {
            System.setOut(tee);
            try (ConfigurableApplicationContext again = start(dir)) {
                System.setOut(original);
                assertThat(second.toString(StandardCharsets.UTF_8)).doesNotContain(secret).doesNotContain("Bearer lk_");
                int port = Integer.parseInt(again.getEnvironment().getProperty("local.server.port"));
                assertThat(new Http(port, secret).get("/api/v1/admin/clock").status()).isEqualTo(200);
            } finally {
                System.setOut(original);
            }
        }
        // keys configured later: the generated one stops working, and the start says so
        ByteArrayOutputStream third = new ByteArrayOutputStream();
        try (PrintStream tee = new PrintStream(third, true, StandardCharsets.UTF_8)) {
            System.setOut(tee);
            try (ConfigurableApplicationContext configured = new SpringApplicationBuilder(LedgerApplication.class)
                    .run("--server.port=0", "--spring.datasource.url=jdbc:h2:file:" + dir + "/ledger;WRITE_DELAY=0",
                            "--ledger.scheduler-enabled=false", "--logging.level.org.axonframework=WARN",
                            Http.KEY_ARGS[0])) {
                System.setOut(original);
                assertThat(third.toString(StandardCharsets.UTF_8))
                        .contains("the generated bootstrap key is not accepted while keys are configured");
                int port = Integer.parseInt(configured.getEnvironment().getProperty("local.server.port"));
                assertThat(new Http(port, secret).get("/api/v1/admin/clock").status()).isEqualTo(401);
                assertThat(new Http(port).get("/api/v1/admin/clock").status()).isEqualTo(200);
            } finally {
                System.setOut(original);
            }
        }
    }
}
