package com.faceid.ledger.app;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.demo.DemoTraffic;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.demo.days=40", "ledger.clock.start=2025-11-01T09:00:00+08:00"})
@org.springframework.test.annotation.DirtiesContext // a simulated clock: close it after this class
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
    }
}
