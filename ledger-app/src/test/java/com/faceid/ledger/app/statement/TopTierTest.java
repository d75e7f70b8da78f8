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

/**
 * A month above 200,000 postpaid calls reaches the 联系商务 tier: it awaits a negotiated price and does not
 * close; once a price is agreed it is priced and closes; a later price change does not alter it.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.test.context=top-tier",
                "ledger.clock=simulated", "ledger.clock.start=2026-03-01T09:00:00+08:00",
                "ledger.webhooks.allow-private=true", "ledger.webhooks.poll=PT0.1S"})
@ActiveProfiles("test")
class TopTierTest {
    @LocalServerPort
    int port;

    @Test
    void aMonthInTheTopTierWaitsForItsNegotiatedPrice() throws Exception {
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        String a = "big";
        ledger.open(a, "2026-03-01T09:00:00+08:00");
        com.faceid.ledger.app.support.WebhookReceiver receiver = new com.faceid.ledger.app.support.WebhookReceiver();
        assertThat(http.post("/api/v1/webhooks", "{\"url\":\"" + receiver.url("/big") + "\",\"accountId\":\"big\","
                + "\"events\":[\"statement.awaiting_price\",\"statement.closed\"]}").status()).isEqualTo(201);
        http.post("/api/v1/admin/clock", "{\"now\":\"2026-03-20T10:00:00+08:00\"}");
        long started = System.nanoTime();
        ledger.calls(a, "BANK_CARD_VERIFICATION", 200_001, "2026-03-20T10:00:00+08:00", "c");
        System.out.printf("metered 200001 calls over HTTP in %.1f s%n", (System.nanoTime() - started) / 1e9);

        http.post("/api/v1/admin/clock", "{\"now\":\"2026-04-05T10:00:00+08:00\"}");
        // the running statement follows 200,001 events; under load that can take longer than the clock's wait
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(ledger.statement(a, "2026-03").path("status").asText()).isEqualTo("AWAITING_PRICE"));
        JsonNode waiting = ledger.statement(a, "2026-03");
        JsonNode line = waiting.path("lines").path(0);
        assertThat(line.path("postpaidCount").asLong()).isEqualTo(200_001);
        assertThat(line.path("tier").asInt()).isEqualTo(5);
        assertThat(line.path("awaitingPrice").asBoolean()).isTrue();
        assertThat(line.path("amount").isNull()).isTrue();
        Http.Response close = http.post("/api/v1/accounts/" + a + "/statements/2026-03/close");
        assertThat(close.status()).isEqualTo(409);
        assertThat(close.code()).isEqualTo("AWAITING_PRICE");

        Http.Response agreed = http.post("/api/v1/accounts/" + a + "/negotiated-prices",
                "{\"service\":\"BANK_CARD_VERIFICATION\",\"unitPrice\":\"0.30\",\"effectiveFrom\":\"2026-03\","
                        + "\"agreedBy\":\"sales:zhao\"}");
        assertThat(agreed.status()).isEqualTo(201);
        http.post("/api/v1/admin/clock", "{\"now\":\"2026-04-05T10:01:00+08:00\"}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ledger.statement(a, "2026-03").path("status").asText()).isEqualTo("CLOSED"));
        JsonNode closed = ledger.statement(a, "2026-03");
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("lines").path(0).path("unitPrice").asText()).isEqualTo("0.30");
        assertThat(closed.path("lines").path(0).path("negotiatedPrice").asBoolean()).isTrue();
        assertThat(closed.path("totalSpend").asText()).isEqualTo("60000.30");

        // a later price change applies from its month on and never alters the closed statement
        assertThat(http.post("/api/v1/accounts/" + a + "/negotiated-prices",
                "{\"service\":\"BANK_CARD_VERIFICATION\",\"unitPrice\":\"0.20\",\"effectiveFrom\":\"2026-04\","
                        + "\"agreedBy\":\"sales:zhao\"}").status()).isEqualTo(201);
        Http.Response rewrite = http.post("/api/v1/accounts/" + a + "/negotiated-prices",
                "{\"service\":\"BANK_CARD_VERIFICATION\",\"unitPrice\":\"0.10\",\"effectiveFrom\":\"2026-03\","
                        + "\"agreedBy\":\"sales:zhao\"}");
        assertThat(rewrite.code()).isEqualTo("PERIOD_CLOSED");
        assertThat(ledger.statement(a, "2026-03")).isEqualTo(closed);

        // the operator heard of both: the month waiting for its price (once, however often the close was tried),
        // then the close with its totals (docs/webhooks.md)
        // each notification is one delivery row; when both have succeeded the receiver has had all there will be
        String webhookId = http.get("/api/v1/webhooks").json().path("webhooks").get(0).path("webhookId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode d = http.get("/api/v1/webhooks/" + webhookId + "/deliveries").json().path("deliveries");
            return d.size() == 2 && d.get(0).path("status").asText().equals("SUCCEEDED")
                    && d.get(1).path("status").asText().equals("SUCCEEDED");
        });
        var bodies = receiver.at("/big").stream().map(r -> { try { return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.body()); } catch (Exception e) { throw new IllegalStateException(e); } }).toList();
        assertThat(bodies).extracting(b -> b.path("type").asText() + " " + b.path("data").path("month").asText())
                .containsExactly("statement.awaiting_price 2026-03", "statement.closed 2026-03");
        assertThat(bodies.get(0).path("data").path("reason").asText()).contains("BANK_CARD_VERIFICATION");
        assertThat(bodies.get(1).path("data").path("totalSpend").asText()).isEqualTo("60000.30");
        receiver.close();
    }
}
