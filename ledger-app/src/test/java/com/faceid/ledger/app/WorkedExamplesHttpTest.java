package com.faceid.ledger.app;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * billing-rules.md §8 over HTTP only: the account was opened long before (its grant expired), the month's
 * traffic goes through the API, and GET .../statements/{month} shows the page's totals — while the month
 * is open (running estimate) and after it is closed (final).
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.test.context=worked-examples-http",
                "ledger.clock.start=" + WorkedExamplesHttpTest.LONG_AGO})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkedExamplesHttpTest {
    /** The accounts are opened here, on the simulated clock; it then moves on to March 2026. */
    static final String LONG_AGO = "2025-01-05T10:00:00+08:00";
    static final String IN_MARCH = "2026-03-05T10:00:00+08:00";
    static final List<String> EXAMPLES = List.of("p1", "p2", "q1", "q2", "q3");
    @LocalServerPort
    int port;
    Ledger ledger;
    Http http;
    final Map<String, String> accounts = new HashMap<>();

    /**
     * An account can only be opened into a month that still accepts calls (billing-rules §9), so "opened long
     * before" is done as it would happen: opened in January 2025, then the clock moves to 1 April 2026
     * (March is over but still open for calls), past the
     * grant's expiry (every step due on the way runs).
     */
    @BeforeAll
    void openLongAgo() {
        http = new Http(port);
        ledger = new Ledger(http);
        for (String name : EXAMPLES) {
            String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            ledger.open(id, LONG_AGO);
            accounts.put(name, id);
        }
        Http.Response moved = http.post("/api/v1/admin/clock", "{\"now\":\"2026-04-01T12:00:00+08:00\"}");
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    }

    String account(String name) {
        return accounts.get(name);
    }

    void expectTotal(String account, String total, long metered) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode s = ledger.statement(account, "2026-03");
            assertThat(s.path("lines").findValues("calls").stream().mapToLong(JsonNode::asLong).sum())
                    .isEqualTo(metered);
            assertThat(s.path("status").asText()).isEqualTo("OPEN");
            assertThat(s.path("totalSpend").asText()).isEqualTo(total);
        });
        Http.Response closed = http.post("/api/v1/accounts/" + account + "/statements/2026-03/close");
        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        JsonNode s = ledger.statement(account, "2026-03");
        assertThat(s.path("status").asText()).isEqualTo("CLOSED");
        assertThat(s.path("totalSpend").asText()).isEqualTo(total);
    }

    @Test
    void p1() {
        String a = account("p1");
        for (int i = 0; i < 3; i++) {
            assertThat(ledger.buy(a, "po-" + i, "LIVENESS_VERIFICATION", 100000, IN_MARCH).status()).isEqualTo(201);
        }
        expectTotal(a, "240000.00", 0);
        assertThat(ledger.statement(a, "2026-03").path("prepaidSpend").asText()).isEqualTo("240000.00");
    }

    @Test
    void p2() {
        String a = account("p2");
        assertThat(ledger.buy(a, "po-1", "LIVENESS_VERIFICATION", 10000, "2026-03-01T08:00:00+08:00").status())
                .isEqualTo(201);
        ledger.calls(a, "LIVENESS_VERIFICATION", 15000, IN_MARCH, "c");
        expectTotal(a, "12750.00", 15000);
        JsonNode line = ledger.statement(a, "2026-03").path("lines").path(0);
        assertThat(line.path("paidByPurchased").asLong()).isEqualTo(10000);
        assertThat(line.path("postpaidCount").asLong()).isEqualTo(5000);
        assertThat(line.path("unitPrice").asText()).isEqualTo("0.85");
        assertThat(line.path("amount").asText()).isEqualTo("4250.00");
    }

    @Test
    void q1() {
        String a = account("q1");
        ledger.calls(a, "LIVENESS_VERIFICATION", 1000, IN_MARCH, "c");
        expectTotal(a, "1000.00", 1000);
    }

    @Test
    void q2() {
        String a = account("q2");
        ledger.calls(a, "PHOTO_VERIFICATION", 3000, IN_MARCH, "c");
        expectTotal(a, "2550.00", 3000);
    }

    @Test
    void q3() {
        String a = account("q3");
        ledger.calls(a, "LIVENESS_COMPARISON", 20000, IN_MARCH, "c");
        expectTotal(a, "2200.00", 20000);
    }
}
