package com.faceid.ledger.app.schedule;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.faceid.ledger.app.time.LedgerClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * billing-rules §9 over HTTP: at its close deadline a month stops accepting calls, purchases and adjustments,
 * whether or not its close has been recorded. The clock is moved here without running the schedule (as if
 * the scheduler were late or down), then the same requests are made after the close has run: same answers.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.test.context=deadline", "ledger.clock.start=2026-03-01T09:00:00+08:00"})
@ActiveProfiles("test")
class DeadlineTest {
    @LocalServerPort
    int port;
    @Autowired
    LedgerClock clock;
    @Autowired
    com.faceid.ledger.app.axon.ReadModels readModels;

    @Test
    void aMonthPastItsDeadlineRefusesCallsWhetherOrNotItsCloseRan() {
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        ledger.open("dl", "2026-03-01T09:00:00+08:00");
        assertThat(ledger.call("dl", "ok-1", "BANK_CARD_VERIFICATION", "2026-03-01T09:00:00+08:00").status())
                .isEqualTo(201);
        // 3 April 00:00 Shanghai: March's deadline; the scheduler has not run
        clock.moveTo(OffsetDateTime.parse("2026-04-03T00:00:00+08:00").toInstant());
        // not recorded yet, closed in effect: March accepts nothing more, and reads as closed at its deadline
        assertThat(http.get("/api/v1/accounts/dl/events?type=StatementClosed").json().path("events")).isEmpty();
        assertThat(ledger.statement("dl", "2026-03").path("status").asText()).isEqualTo("CLOSED");
        String closedAt = ledger.statement("dl", "2026-03").path("closedAt").asText();
        assertThat(closedAt).isEqualTo("2026-04-03T00:00:00+08:00");
        String[] before = answers(http, ledger);
        assertThat(before[0]).isEqualTo("409 PERIOD_CLOSED");
        assertThat(before[1]).isEqualTo("409 PERIOD_CLOSED");
        assertThat(before[2]).isEqualTo("201 2026-04");

        // now the schedule runs (closing March); the same requests get the same answers
        http.post("/api/v1/admin/clock", "{\"now\":\"2026-04-03T00:00:00+08:00\"}");
        assertThat(http.get("/api/v1/accounts/dl/events?type=StatementClosed").json().path("events")).hasSize(1);
        assertThat(ledger.statement("dl", "2026-03").path("closedAt").asText()).isEqualTo(closedAt);
        String[] after = answers(http, ledger);
        assertThat(after[0]).isEqualTo(before[0]);
        assertThat(after[1]).isEqualTo(before[1]);
        assertThat(after[2]).isEqualTo("200 2026-04"); // the same adjustment again: the stored one
    }

    /**
     * Every read answer of an account is the same just before and just after the schedule runs at an instant:
     * the account (closed through), packages (expired, forfeited), quota, statements, alerts (expiry reminders).
     */
    @Test
    void readAnswersAreTheSameBeforeAndAfterTheScheduleRuns() {
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        ledger.open("rd", clock.instant().atOffset(java.time.ZoneOffset.ofHours(8)).toString());
        assertThat(ledger.buy("rd", "po-1", "LIVENESS_VERIFICATION", 100, clock.instant()
                .atOffset(java.time.ZoneOffset.ofHours(8)).toString()).status()).isEqualTo(201);
        for (int i = 0; i < 60; i++) {
            assertThat(http.post("/api/v1/accounts/rd/calls", "{\"requestId\":\"c-" + i
                    + "\",\"service\":\"LIVENESS_VERIFICATION\"}").status()).isEqualTo(201);
        }
        for (String when : java.util.List.of("2026-05-03T00:00:00+08:00", "2027-02-10T00:00:00+08:00",
                "2027-03-10T00:00:00+08:00", "2027-06-03T00:00:00+08:00")) {
            java.time.Instant t = OffsetDateTime.parse(when).toInstant();
            if (t.isAfter(clock.instant())) {
                clock.moveTo(t); // the scheduler has not run
            }
            assertThat(readModels.awaitAll()).isTrue(); // compared: the schedule, not the read models' lag
            String before = readAnswers(http);
            assertThat(http.post("/api/v1/admin/clock", "{\"now\":\"" + when + "\"}").status()).isEqualTo(200);
            assertThat(readAnswers(http)).as("at " + when).isEqualTo(before);
        }
        assertThat(http.get("/api/v1/accounts/rd/alerts").text()).contains("EXPIRING");
        assertThat(http.get("/api/v1/accounts/rd/packages").text()).contains("EXPIRED");
    }

    private static String readAnswers(Http http) {
        StringBuilder b = new StringBuilder();
        for (String path : java.util.List.of("", "/packages", "/quota", "/alerts", "/statements/2026-03",
                "/statements/2026-04", "/statements/2027-02")) {
            Http.Response r = http.get("/api/v1/accounts/rd" + path);
            // a closed statement's digest certifies its recorded close event: the one part that waits for it
            String text = r.text().replaceAll(",\"digest\":\\{[^}]*\\}", "");
            b.append(path).append(" ").append(r.status()).append(" ").append(text).append('\n');
        }
        return b.toString();
    }

    private static String[] answers(Http http, Ledger ledger) {
        Http.Response call = ledger.call("dl", "late-1", "BANK_CARD_VERIFICATION", "2026-03-31T23:00:00+08:00");
        Http.Response buy = ledger.buy("dl", "po-late", "LIVENESS_VERIFICATION", 1000, "2026-03-31T23:00:00+08:00");
        Http.Response adj = http.post("/api/v1/accounts/dl/adjustments", "{\"adjustmentId\":\"adj-late\","
                + "\"month\":\"2026-03\",\"amount\":\"-0.40\",\"reason\":\"test call\",\"requestId\":\"ok-1\"}");
        return new String[]{call.status() + " " + call.code(), buy.status() + " " + buy.code(),
                adj.status() + " " + adj.json().path("month").asText()};
    }
}
