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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A closed month refuses late calls and takes corrections only as adjustments on the next open month. */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.test.context=closed-month",
                "ledger.clock=simulated", "ledger.clock.start=2026-03-01T09:00:00+08:00"})
@ActiveProfiles("test")
class ClosedMonthTest {
    @LocalServerPort
    int port;

    @Test
    void lateCallsAndAdjustmentsOfAClosedMonth() {
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        ledger.open("late", "2026-03-01T09:00:00+08:00");
        http.post("/api/v1/admin/clock", "{\"now\":\"2026-03-20T10:00:00+08:00\"}");
        ledger.calls("late", "BANK_CARD_VERIFICATION", 10, "2026-03-20T10:00:00+08:00", "c");
        Http.Response early = http.post("/api/v1/accounts/late/statements/2026-03/close");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("PERIOD_NOT_OVER");

        // 3 April 00:00: March closes by itself
        JsonNode moved = http.post("/api/v1/admin/clock", "{\"now\":\"2026-04-05T10:00:00+08:00\"}").json();
        assertThat(moved.path("stepsRun").asInt()).isGreaterThan(0);
        assertThat(ledger.statement("late", "2026-03").path("status").asText()).isEqualTo("CLOSED");
        assertThat(ledger.statement("late", "2026-03").path("totalSpend").asText()).isEqualTo("4.00");

        long before = ledger.eventCount("late");
        Http.Response late = ledger.call("late", "late-1", "BANK_CARD_VERIFICATION", "2026-03-31T23:00:00+08:00");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("PERIOD_CLOSED");
        assertThat(ledger.eventCount("late")).isEqualTo(before);
        Http.Response future = ledger.call("late", "f-1", "BANK_CARD_VERIFICATION", "2026-04-05T10:06:00+08:00");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.code()).isEqualTo("TIMESTAMP_IN_FUTURE");

        String adj = "{\"adjustmentId\":\"adj-9\",\"month\":\"2026-03\",\"amount\":\"-1.50\","
                + "\"reason\":\"three calls were test traffic\",\"requestId\":\"c1\"}";
        Http.Response r = http.post("/api/v1/accounts/late/adjustments", adj);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().path("month").asText()).isEqualTo("2026-04");
        assertThat(r.json().path("correctsMonth").asText()).isEqualTo("2026-03");
        assertThat(http.post("/api/v1/accounts/late/adjustments", adj).status()).isEqualTo(200);

        // the closed statement never changes; April's shows the correction and names March
        assertThat(ledger.statement("late", "2026-03").path("totalSpend").asText()).isEqualTo("4.00");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode april = ledger.statement("late", "2026-04");
            assertThat(april.path("adjustments")).hasSize(1);
            assertThat(april.path("adjustments").path(0).path("correctsMonth").asText()).isEqualTo("2026-03");
            assertThat(april.path("adjustments").path(0).path("amount").asText()).isEqualTo("-1.50");
            assertThat(april.path("adjustments").path(0).path("requestId").asText()).isEqualTo("c1");
            assertThat(april.path("adjustmentTotal").asText()).isEqualTo("-1.50");
            assertThat(april.path("totalSpend").asText()).isEqualTo("-1.50");
        });
        http.post("/api/v1/admin/clock", "{\"now\":\"2026-05-04T00:00:00+08:00\"}");
        JsonNode closedApril = ledger.statement("late", "2026-04");
        assertThat(closedApril.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closedApril.path("adjustments").path(0).path("adjustmentId").asText()).isEqualTo("adj-9");
        assertThat(closedApril.path("totalSpend").asText()).isEqualTo("-1.50");

        Http.Response back = http.post("/api/v1/admin/clock", "{\"now\":\"2026-05-01T00:00:00+08:00\"}");
        assertThat(back.status()).isEqualTo(409);
        assertThat(back.code()).isEqualTo("CLOCK_BACKWARDS");
    }
}
