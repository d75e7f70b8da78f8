package com.faceid.ledger.app.history;

import com.faceid.ledger.app.dispute.DisputeReport;
import com.faceid.ledger.app.store.EventStoreReader;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.faceid.ledger.pricing.BillingPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * As-of answers from checkpoints equal the fold of every event up to the instant, whether the checkpoints
 * are there or not; the dispute report built from the month's events equals the one built from the whole
 * history. Checkpoints every 97 events here, so an account of a few thousand events has many.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.test.context=fold-checkpoints", "ledger.as-of-checkpoint-events=97"})
@ActiveProfiles("test")
class FoldCheckpointsTest {
    @LocalServerPort
    int port;
    @Autowired
    FoldCheckpoints checkpoints;
    @Autowired
    EventStoreReader events;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BillingPolicy policy;
    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Test
    void asOfAnswersFromCheckpointsEqualTheFullFold() throws Exception {
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        String a = "cp-1";
        ledger.open(a, "2026-03-01T09:00:00+08:00");
        assertThat(ledger.buy(a, "po-1", "LIVENESS_VERIFICATION", 1000, "2026-03-02T09:00:00+08:00").status())
                .isEqualTo(201);
        List<Instant> instants = new ArrayList<>();
        for (int day = 2; day <= 28; day += 2) {
            String at = String.format("2026-03-%02dT10:00:00+08:00", day);
            ledger.calls(a, day % 4 == 0 ? "LIVENESS_VERIFICATION" : "BANK_CARD_VERIFICATION", 150, at, "d" + day + "-");
            instants.add(OffsetDateTime.parse(at).toInstant().plusSeconds(1));
        }
        http.post("/api/v1/accounts/" + a + "/adjustments", "{\"adjustmentId\":\"adj\",\"month\":\"2026-03\","
                + "\"amount\":\"-1.00\",\"reason\":\"test\"}");
        long stored = events.all(a).size();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM fold_checkpoint WHERE account_id = ?", Long.class, a) == stored / 97);

        for (Instant t : instants) {
            String full = LedgerFold.of(a, events.upTo(a, t)).toCheckpoint();
            assertThat(checkpoints.upTo(a, t).toCheckpoint()).as("as of %s", t).isEqualTo(full);
        }
        String all = LedgerFold.of(a, events.all(a)).toCheckpoint();
        assertThat(checkpoints.latest(a).toCheckpoint()).isEqualTo(all);

        JsonNode reportFromCheckpoints = withoutTime(http.get("/api/v1/accounts/" + a
                + "/statements/2026-03/dispute-report").json());
        DisputeReport full = DisputeReport.build(events.all(a), LedgerFold.of(a, events.all(a))
                .statement(YearMonth.of(2026, 3), policy), ZoneId.of("Asia/Shanghai"), Instant.now());
        JsonNode reportFromAll = withoutTime(json.readTree(json.writeValueAsString(full)));
        assertThat(reportFromCheckpoints.path("calls")).hasSize(2100);
        String a1 = reportFromCheckpoints.toString();
        String a2 = reportFromAll.toString();
        int at = 0;
        while (at < Math.min(a1.length(), a2.length()) && a1.charAt(at) == a2.charAt(at)) {
            at++;
        }
        assertThat(at).as("reports differ at %d: %s | %s", at, a1.substring(Math.max(0, at - 80), Math.min(a1.length(),
                at + 80)), a2.substring(Math.max(0, at - 80), Math.min(a2.length(), at + 80))).isEqualTo(a2.length());
        assertThat(a1).hasSameSizeAs(a2);

        // the same answers with no checkpoint at all: they are a shortcut, never a source of truth
        String quotaBefore = http.get("/api/v1/accounts/" + a + "/quota?asOf=2026-03-15T00:00:00%2B08:00").text();
        String statementBefore = http.get("/api/v1/accounts/" + a
                + "/statements/2026-03?asOf=2026-03-15T00:00:00%2B08:00").text();
        jdbc.update("DELETE FROM fold_checkpoint WHERE account_id = ?", a);
        assertThat(http.get("/api/v1/accounts/" + a + "/quota?asOf=2026-03-15T00:00:00%2B08:00").text())
                .isEqualTo(quotaBefore);
        assertThat(http.get("/api/v1/accounts/" + a + "/statements/2026-03?asOf=2026-03-15T00:00:00%2B08:00").text())
                .isEqualTo(statementBefore);
    }

    private static JsonNode withoutTime(JsonNode report) {
        ((ObjectNode) report).remove("generatedAt");
        return report;
    }
}
