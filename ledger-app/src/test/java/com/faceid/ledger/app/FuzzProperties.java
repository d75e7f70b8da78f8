package com.faceid.ledger.app;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.faceid.ledger.app.support.StartedLedger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random requests against every endpoint, from nearly valid to garbage: never a 5xx, every 4xx is a
 * problem document, and a 4xx never writes an event.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
class FuzzProperties {
    static ConfigurableApplicationContext ctx;
    static Http http;
    static JdbcTemplate jdbc;

    record Request(String method, String path, String body) {
    }

    @BeforeContainer
    static void start() {
        ctx = StartedLedger.start("fuzz");
        http = StartedLedger.http(ctx);
        jdbc = ctx.getBean(JdbcTemplate.class);
        Ledger ledger = new Ledger(http);
        ledger.open("fz", "2026-03-10T15:00:00+08:00");
        ledger.buy("fz", "po-1", "PHOTO_VERIFICATION", 100, "2026-03-11T09:00:00+08:00");
    }

    @AfterContainer
    static void stop() {
        ctx.close();
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<String> account = Arbitraries.oneOf(Arbitraries.just("fz"), Arbitraries.just("nobody"),
                Arbitraries.strings().withChars("abcXYZ09-_.%~").ofMinLength(1).ofMaxLength(70));
        Arbitrary<String> suffix = Arbitraries.of("", "/packages", "/quota", "/statements/2026-03",
                "/statements/2026-3", "/statements/2026-03.csv", "/calls", "/calls/r-1", "/events?size=5",
                "/events?type=Call%20Metered", "/alerts", "/postpaid", "/packages/PKG-000001/refund",
                "/negotiated-prices", "/adjustments", "/statements/2026-03/close", "/quota?asOf=2026-03-12T00:00:00Z");
        Arbitrary<String> path = Arbitraries.oneOf(
                Combinators.combine(account, suffix).as((a, s) -> "/api/v1/accounts/" + a + s),
                Arbitraries.of("/api/v1/accounts", "/api/v1/calls:batch", "/api/v1/admin/clock", "/api/v1/x"));
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("\"PHOTO_VERIFICATION\"", "\"photo\"", "100", "-1", "0", "1.5", "1e308", "true",
                        "null", "[]", "{}", "\"2026-03-12T10:00:00+08:00\"", "\"2099-01-01T00:00:00Z\"", "\"x\"",
                        "\"" + "y".repeat(300) + "\"", "\"\\u0000\"", "\"r-1\"", "\"-12.50\"", "\"2026-03\""),
                Arbitraries.strings().ofMaxLength(20).map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""));
        Arbitrary<String> field = Arbitraries.of("accountId", "requestId", "purchaseId", "service", "size",
                "occurredAt", "purchasedAt", "openedAt", "resultCode", "enabled", "calls", "amount", "month",
                "reason", "unitPrice", "effectiveFrom", "agreedBy", "adjustmentId", "now");
        Arbitrary<String> object = Combinators.combine(field, value).as((f, v) -> "\"" + f + "\":" + v)
                .list().ofMaxSize(7).map(kv -> "{" + String.join(",", kv) + "}");
        Arbitrary<String> body = Arbitraries.oneOf(object, object.map(o -> "{\"calls\":[" + o + "," + o + "]}"),
                Arbitraries.strings().ofMaxLength(40), Arbitraries.just(""), Arbitraries.just("null"));
        return Combinators.combine(Arbitraries.of("GET", "POST", "PUT", "DELETE"), path, body)
                .as((m, p, b) -> new Request(m, p, m.equals("GET") || m.equals("DELETE") ? null : b));
    }

    @Property(tries = 400)
    void neverA5xxAndNeverAWriteOnA4xx(@ForAll("requests") Request r) {
        long before = count();
        Http.Response response;
        try {
            response = http.send(r.method(), r.path(), r.body());
        } catch (IllegalArgumentException badUri) {
            return; // the client refuses to send it (illegal characters in the URI): nothing reached the ledger
        }
        assertThat(response.status()).as(r + " -> " + response.text()).isLessThan(500);
        if (response.status() >= 400) {
            assertThat(response.contentType()).as(r.toString()).startsWith("application/problem+json");
            assertThat(response.json().path("code").asText()).as(r.toString()).isNotBlank();
            assertThat(count()).as("a " + response.status() + " wrote events: " + r).isEqualTo(before);
        }
    }

    static long count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }
}
