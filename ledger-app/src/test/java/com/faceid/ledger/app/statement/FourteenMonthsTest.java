package com.faceid.ledger.app.statement;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One account through 14 months on the simulated clock, driven only over HTTP: grants activate the next
 * day and expire a year later with their forfeits, two purchased packages expire in the right order,
 * every month closes by itself with the right totals, every reminder appears exactly once.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.test.context=fourteen-months",
                "ledger.clock=simulated", "ledger.clock.start=2026-01-10T09:00:00+08:00"})
@ActiveProfiles("test")
class FourteenMonthsTest {
    @LocalServerPort
    int port;

    @Test
    void fourteenMonthsOfOneAccount() {
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        String a = "fourteen";
        moveTo(http, "2026-01-10T10:00:00+08:00");
        ledger.open(a, "2026-01-10T10:00:00+08:00");
        int batch = 0;
        for (YearMonth m = YearMonth.of(2026, 1); !m.isAfter(YearMonth.of(2027, 2)); m = m.plusMonths(1)) {
            if (m.equals(YearMonth.of(2026, 2))) {
                moveTo(http, "2026-02-01T10:00:00+08:00");
                assertThat(ledger.buy(a, "po-A", "PHOTO_VERIFICATION", 1000, "2026-02-01T10:00:00+08:00").status())
                        .isEqualTo(201);
            }
            String day15 = m + "-15T10:00:00+08:00";
            moveTo(http, day15);
            ledger.calls(a, "PHOTO_VERIFICATION", 30, day15, "p" + batch + "-");
            ledger.calls(a, "BANK_CARD_VERIFICATION", 20, day15, "b" + batch + "-");
            batch++;
            if (m.equals(YearMonth.of(2026, 1))) {
                moveTo(http, "2026-01-20T10:00:00+08:00");
                assertThat(ledger.buy(a, "po-B", "PHOTO_VERIFICATION", 100, "2026-01-20T10:00:00+08:00").status())
                        .isEqualTo(201);
            }
        }
        moveTo(http, "2027-03-05T00:00:00+08:00");

        List<JsonNode> events = new ArrayList<>();
        http.get("/api/v1/accounts/" + a + "/events?size=1000").json().path("events").forEach(events::add);

        // grants activate at 00:00 the day after opening
        List<JsonNode> activated = ofType(events, "FreeGrantActivated");
        assertThat(activated).hasSize(3);
        assertThat(activated).allSatisfy(e ->
                assertThat(e.path("recordedAt").asText()).isEqualTo("2026-01-11T00:00:00+08:00"));

        // expiries: the grants a year after activation, then B, then A; with what was left forfeited
        List<JsonNode> expired = ofType(events, "PackageExpired");
        assertThat(expired).extracting(e -> e.path("payload").path("packageId").asText()).containsExactly(
                "FREE-LIVENESS_VERIFICATION", "FREE-PHOTO_VERIFICATION", "FREE-LIVENESS_COMPARISON",
                "PKG-000001", "PKG-000002"); // B (bought 20 Jan, id 1) expires before A (bought 1 Feb, id 2)
        assertThat(expired).extracting(e -> e.path("payload").path("forfeited").asInt())
                .containsExactly(50, 0, 50, 0, 760);
        assertThat(expired).extracting(e -> e.path("recordedAt").asText()).containsExactly(
                "2027-01-11T00:00:00+08:00", "2027-01-11T00:00:00+08:00", "2027-01-11T00:00:00+08:00",
                "2027-01-20T10:00:00+08:00", "2027-02-01T10:00:00+08:00");

        // every month closed by itself, two days after it ended, with the right total
        List<JsonNode> closed = ofType(events, "StatementClosed");
        assertThat(closed).hasSize(14);
        Map<String, String> totals = new TreeMap<>();
        for (JsonNode c : closed) {
            YearMonth month = YearMonth.parse(c.path("payload").path("month").asText());
            assertThat(c.path("payload").path("actor").asText()).isEqualTo("scheduler");
            assertThat(c.path("recordedAt").asText()).isEqualTo(month.plusMonths(1).atDay(3) + "T00:00:00+08:00");
            totals.put(month.toString(), ledger.statement(a, month.toString()).path("totalSpend").asText());
        }
        Map<String, String> expected = new TreeMap<>();
        for (YearMonth m = YearMonth.of(2026, 1); !m.isAfter(YearMonth.of(2027, 2)); m = m.plusMonths(1)) {
            expected.put(m.toString(), "8.00");
        }
        expected.put("2026-01", "107.00");  // package B 99.00 + 20 bank-card calls × 0.40
        expected.put("2026-02", "938.00");  // package A 930.00 + 8.00
        expected.put("2027-02", "38.00");   // A expired on 1 Feb: 30 photo calls postpaid × 1.00 + 8.00
        assertThat(totals).isEqualTo(expected);
        assertThat(ledger.statement(a, "2027-02").path("status").asText()).isEqualTo("CLOSED");

        // every reminder exactly once
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> alerts = new ArrayList<>();
            http.get("/api/v1/accounts/" + a + "/alerts").json().forEach(x -> alerts.add(
                    x.path("packageId").asText() + " " + x.path("kind").asText() + " " + x.path("threshold").asInt()));
            assertThat(alerts).containsExactlyInAnyOrder(
                    "FREE-PHOTO_VERIFICATION USAGE 50", "FREE-PHOTO_VERIFICATION USAGE 70",
                    "FREE-PHOTO_VERIFICATION USAGE 90", "FREE-PHOTO_VERIFICATION DEPLETED 100",
                    "PKG-000001 USAGE 50", "PKG-000001 USAGE 70", "PKG-000001 USAGE 90", "PKG-000001 DEPLETED 100",
                    "FREE-LIVENESS_VERIFICATION EXPIRING 30", "FREE-LIVENESS_VERIFICATION EXPIRING 7",
                    "FREE-LIVENESS_VERIFICATION EXPIRING 1", "FREE-LIVENESS_COMPARISON EXPIRING 30",
                    "FREE-LIVENESS_COMPARISON EXPIRING 7", "FREE-LIVENESS_COMPARISON EXPIRING 1",
                    "PKG-000002 EXPIRING 30", "PKG-000002 EXPIRING 7", "PKG-000002 EXPIRING 1");
        });
        JsonNode firstExpiring = ofType(events, "PackageExpiryReminded").get(0);
        assertThat(firstExpiring.path("recordedAt").asText()).isEqualTo("2026-12-12T00:00:00+08:00");
    }

    static void moveTo(Http http, String now) {
        Http.Response r = http.post("/api/v1/admin/clock", "{\"now\":\"" + now + "\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("now").asText()).isEqualTo(now);
    }

    static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }
}
