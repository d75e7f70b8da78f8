package com.faceid.ledger.app.store;

import com.faceid.ledger.app.LedgerApplication;
import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application contexts, one after the other, on the same H2 files: balances and statements survive,
 * metering goes on with the right settlement, and idempotency keys are remembered across the restart.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
class RestartTest {
    static ConfigurableApplicationContext start(String dir) {
        return new SpringApplicationBuilder(LedgerApplication.class).run(args(Http.KEY_ARGS, "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dir + "/ledger;WRITE_DELAY=0",
                "--logging.level.org.axonframework=WARN", "--ledger.scheduler-enabled=false"));
    }

    static Ledger ledger(ConfigurableApplicationContext ctx) {
        return new Ledger(new Http(Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"))));
    }

    @Test
    void everythingSurvivesARestart() {
        String dir = "./target/h2/restart-" + UUID.randomUUID();
        String a = "acme";
        JsonNode accountBefore;
        JsonNode packagesBefore;
        JsonNode statementBefore;
        try (ConfigurableApplicationContext first = start(dir)) {
            Ledger l = ledger(first);
            l.open(a, "2026-03-10T15:00:00+08:00");
            assertThat(l.buy(a, "po-1", "PHOTO_VERIFICATION", 100, "2026-03-11T09:00:00+08:00").status())
                    .isEqualTo(201);
            for (int i = 0; i < 60; i++) {
                assertThat(l.call(a, "r" + i, "PHOTO_VERIFICATION", "2026-03-12T10:00:00+08:00").status())
                        .isEqualTo(201);
            }
            l.call(a, "post-1", "BANK_CARD_VERIFICATION", "2026-03-12T10:00:00+08:00");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(l.statement(a, "2026-03").path("lines").path(0).path("calls").asInt()).isEqualTo(60);
                assertThat(l.statement(a, "2026-03").path("lines").path(1).path("calls").asInt()).isEqualTo(1);
                assertThat(l.packages(a).findValues("used").stream().mapToInt(JsonNode::asInt).sum()).isEqualTo(60);
            });
            accountBefore = l.account(a);
            packagesBefore = l.packages(a);
            statementBefore = l.statement(a, "2026-03");
        }
        try (ConfigurableApplicationContext second = start(dir)) {
            Ledger l = ledger(second);
            assertThat(l.account(a)).isEqualTo(accountBefore);
            assertThat(l.packages(a)).isEqualTo(packagesBefore);
            assertThat(l.statement(a, "2026-03")).isEqualTo(statementBefore);

            // idempotency keys survive: same outcome, nothing charged twice
            Http.Response again = l.call(a, "r0", "PHOTO_VERIFICATION", "2026-03-12T10:00:00+08:00");
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().path("duplicate").asBoolean()).isTrue();
            assertThat(again.json().path("packageId").asText()).isEqualTo("FREE-PHOTO_VERIFICATION");
            Http.Response rebuy = l.buy(a, "po-1", "PHOTO_VERIFICATION", 100, "2026-03-11T09:00:00+08:00");
            assertThat(rebuy.status()).isEqualTo(200);
            assertThat(rebuy.json().path("packageId").asText()).isEqualTo("PKG-000001");
            assertThat(rebuy.json().path("remaining").asInt()).isEqualTo(90);

            // settlement continues where it was: the purchased package has 90 left
            JsonNode next = l.call(a, "r60", "PHOTO_VERIFICATION", "2026-03-13T10:00:00+08:00").json();
            assertThat(next.path("chargedTo").asText()).isEqualTo("PURCHASED");
            assertThat(next.path("packageId").asText()).isEqualTo("PKG-000001");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode photo = l.statement(a, "2026-03").path("lines").path(0);
                assertThat(photo.path("calls").asInt()).isEqualTo(61);
                assertThat(photo.path("paidByFree").asInt()).isEqualTo(50);
                assertThat(photo.path("paidByPurchased").asInt()).isEqualTo(11);
            });
            assertThat(l.http.get("/api/v1/accounts/" + a + "/calls/r60").json().path("paidBy")
                    .path("remainingAfter").asInt()).isEqualTo(89);
        }
    }

    /** {@code rest}, the test keys and the test clock ({@link Http#CLOCK_ARGS}). */
    static String[] args(String[] keys, String... rest) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(rest));
        all.addAll(java.util.List.of(keys));
        all.addAll(java.util.List.of(Http.CLOCK_ARGS));
        return all.toArray(String[]::new);
    }
}
