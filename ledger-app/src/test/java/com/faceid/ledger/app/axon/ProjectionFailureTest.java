package com.faceid.ledger.app.axon;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read model that cannot take an event is loud, not silent: the batch is retried, /actuator/health shows the
 * read models DOWN with the failing event, metering goes on, and once the cause is gone the processor gets
 * past it by itself and verify finds no difference. The failure is provoked with a constraint on a view.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@DirtiesContext // its read-model processor was made to fail: a context in that state is closed, not cached
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.test.context=poison")
@ActiveProfiles("test")
class ProjectionFailureTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFailingProjectionShowsInHealthAndRecovers() {
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        ledger.open("pf", "2026-03-10T15:00:00+08:00");
        jdbc.execute("ALTER TABLE usage_view ADD CONSTRAINT ck_poison CHECK (service <> 'PHONE_VERIFICATION')");
        try {
            assertThat(ledger.call("pf", "poison", "PHONE_VERIFICATION", "2026-03-12T10:00:00+08:00").status())
                    .isEqualTo(201);
            Http open = new Http(port, null);
            // anyone sees that it is down; the event it is stuck on is shown to an OPERATOR or AUDITOR key only
            JsonNode anonymous = await().atMost(Duration.ofSeconds(30)).until(() -> open.get("/actuator/health")
                    .json(), h -> "DOWN".equals(h.path("components").path("readModels").path("status").asText()));
            assertThat(anonymous.path("components").path("readModels").has("details")).isFalse();
            assertThat(anonymous.toString()).doesNotContain("pf").doesNotContain("H2").doesNotContain("path");
            JsonNode down = http.get("/actuator/health").json();
            JsonNode failing = down.path("components").path("readModels").path("details").path("failingEvent");
            assertThat(failing.path("accountId").asText()).isEqualTo("pf");
            assertThat(failing.path("error").asText()).isNotBlank();
            // metering does not wait for the read models
            assertThat(ledger.call("pf", "meanwhile", "BANK_CARD_VERIFICATION", "2026-03-12T10:01:00+08:00").status())
                    .isEqualTo(201);
        } finally {
            jdbc.execute("ALTER TABLE usage_view DROP CONSTRAINT ck_poison");
        }
        Http open = new Http(port, null);
        await().atMost(Duration.ofSeconds(90)).until(() -> "UP".equals(open.get("/actuator/health").json()
                .path("components").path("readModels").path("status").asText()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode verify = http.get("/api/v1/admin/verify").json();
            assertThat(verify.path("caughtUp").asBoolean()).isTrue();
            assertThat(verify.path("differences")).as(verify.toString()).isEmpty();
        });
        assertThat(ledger.statement("pf", "2026-03").path("lines").findValues("calls").stream()
                .mapToInt(JsonNode::asInt).sum()).isEqualTo(2);
    }
}
