package com.faceid.ledger.app.audit;

import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.faceid.ledger.app.support.StartedLedger;
import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every instant the ledger records is cut once, where it is recorded, to what every store keeps (microseconds), so
 * verify's fold of the events and the read models the store rounded never differ by a fraction (issue "Hardening
 * round 3": 3 of 4 adjustments were once reported as differences). Generated histories whose reported times and
 * clock moves carry arbitrary nanoseconds: verify finds nothing, and the times read back are the micro-truncated
 * ones. The suite runs it on H2, and on PostgreSQL with LEDGER_TEST_DB=postgres (the context's H2 URL is mapped).
 */
@net.jqwik.api.Tag("service") // starts the service: left out of the fast build (-Pfast)
class RecordedInstantsProperties {
    static ConfigurableApplicationContext ctx;
    static Http http;
    static final AtomicInteger accounts = new AtomicInteger();

    /** One step of a history: what it does, and the nanoseconds (0 to 999,999,999) its instant carries. */
    record Step(String kind, int nanos) {
    }

    @BeforeContainer
    static void start() {
        ctx = StartedLedger.start("instants");
        http = StartedLedger.http(ctx);
    }

    @AfterContainer
    static void stop() {
        ctx.close();
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of("call", "buy", "adjust", "hold", "moveClock", "price"),
                Arbitraries.integers().between(0, 999_999_999)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(8);
    }

    OffsetDateTime now() {
        return OffsetDateTime.parse(http.get("/api/v1/admin/clock").json().path("now").asText());
    }

    /** A time in March 2026 (the month the test clock has just left open) with the given nanoseconds. */
    static String march(int i, int nanos) {
        return OffsetDateTime.parse("2026-03-20T10:00:00+08:00").plusMinutes(i).withNano(nanos).toString();
    }

    @Property(tries = 25)
    void verifyFindsNothingWhateverTheNanosecondsOfTheInstantsRecorded(@ForAll("histories") List<Step> history) {
        String a = "ri-" + accounts.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
        Ledger ledger = new Ledger(http);
        ledger.open(a, OffsetDateTime.parse("2026-03-10T15:00:00+08:00").withNano(history.get(0).nanos()).toString());
        for (int i = 0; i < history.size(); i++) {
            Step s = history.get(i);
            Http.Response r = switch (s.kind()) {
                case "call" -> ledger.call(a, "r-" + i, "PHOTO_VERIFICATION", march(i, s.nanos()));
                case "buy" -> ledger.buy(a, "p-" + i, "PHOTO_VERIFICATION", 100, march(i, s.nanos()));
                case "adjust" -> http.post("/api/v1/accounts/" + a + "/adjustments", "{\"adjustmentId\":\"adj-" + i
                        + "\",\"month\":\"2026-03\",\"amount\":\"-0.10\",\"reason\":\"goodwill\"}");
                case "hold" -> http.post("/api/v1/accounts/" + a + "/holds", "{\"holdId\":\"h-" + i
                        + "\",\"service\":\"PHOTO_VERIFICATION\",\"requestedAt\":\"" + now().withNano(s.nanos()) + "\"}");
                case "moveClock" -> http.post("/api/v1/admin/clock", "{\"now\":\""
                        + now().plusSeconds(1).withNano(s.nanos()) + "\"}");
                case "price" -> http.post("/api/v1/accounts/" + a + "/negotiated-prices", "{\"service\":"
                        + "\"PHOTO_VERIFICATION\",\"unitPrice\":\"0.50\",\"agreedBy\":\"sales\",\"effectiveFrom\":\""
                        + march(i, s.nanos()).substring(0, 7) + "\"}");
                default -> throw new IllegalStateException(s.kind());
            };
            assertThat(r.status()).as(s + " -> " + r.text()).isBetween(200, 299);
        }
        JsonNode report = http.get("/api/v1/admin/verify").json();
        List<String> mine = new ArrayList<>();
        report.path("differences").forEach(d -> {
            if (d.toString().contains(a)) {
                mine.add(d.toString());
            }
        });
        assertThat(mine).as("verify of " + a + " after " + history).isEmpty();
        // what the events say was recorded has at most microseconds, on either store
        http.get("/api/v1/accounts/" + a + "/events?size=100").json().path("events").forEach(e ->
                assertThat(OffsetDateTime.parse(e.path("recordedAt").asText()).getNano() % 1000).isZero());
    }
}
