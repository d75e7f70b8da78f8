package com.faceid.ledger.app.demo;

import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The demo profile (shortened to 40 days): accounts, traffic, closed statements and reminders appear. */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"ledger.test.context=demo",
                        "ledger.demo.days=40", "ledger.clock.start=2025-11-01T09:00:00+08:00"})
@ActiveProfiles({"demo", "test"})
class DemoTest {
    @LocalServerPort
    int port;
    @Autowired
    DemoTraffic demo;

    @Test
    void theDemoGeneratesTrafficStatementsAndReminders() {
        await().atMost(Duration.ofSeconds(60)).until(demo::finished);
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        assertThat(http.get("/api/v1/admin/clock").json().path("now").asText())
                .isEqualTo("2025-12-11T10:00:00+08:00");
        JsonNode november = ledger.statement("demo-bank", "2025-11");
        assertThat(november.path("status").asText()).isEqualTo("CLOSED");
        assertThat(november.path("lines")).hasSize(2);
        assertThat(new java.math.BigDecimal(november.path("totalSpend").asText())).isPositive();
        JsonNode retail = ledger.statement("demo-retail", "2025-11");
        assertThat(retail.path("prepaidSpend").asText()).isEqualTo("9430.00"); // 8500.00 + 930.00
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode alerts = http.get("/api/v1/accounts/demo-retail/alerts").json();
            assertThat(alerts.findValuesAsText("kind")).contains("USAGE", "DEPLETED");
        });

        // the traffic follows the clock: a jump of 40 days gives each day on the way its calls and purchases
        assertThat(http.post("/api/v1/admin/clock", "{\"now\":\"2026-01-20T12:00:00+08:00\"}").status())
                .isEqualTo(200);
        assertThat(ledger.statement("demo-bank", "2025-12").path("status").asText()).as("closed by itself")
                .isEqualTo("CLOSED");
        JsonNode january = ledger.statement("demo-bank", "2026-01");
        assertThat(january.path("lines").findValuesAsText("calls").stream().mapToLong(Long::parseLong).sum())
                .as("calls this month, up to today").isGreaterThan(20 * 140);
        assertThat(http.get("/api/v1/accounts/demo-bank/calls/ID_VERIFICATION-80-0").status()).isEqualTo(200);
        JsonNode packages = http.get("/api/v1/accounts/demo-retail/packages").json();
        assertThat(packages.toString()).contains("demo-po-liveness-75");
        assertThat(packages.findParents("purchaseId").stream().filter(p -> p.path("service").asText()
                .equals("LIVENESS_VERIFICATION") && p.path("remaining").asInt() > 0)).as("a live package").isNotEmpty();
    }
}
