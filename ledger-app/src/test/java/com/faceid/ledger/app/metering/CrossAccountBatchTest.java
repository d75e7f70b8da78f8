package com.faceid.ledger.app.metering;

import com.faceid.ledger.app.integrity.HashChain;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A calls:batch over several accounts commits in one transaction: an unknown account fails alone, and a
 * lost race on one account rolls the whole batch back and decides it again, so no call is half-recorded
 * or answered as a duplicate of its own first attempt.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CrossAccountBatchTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private static String call(String account, String requestId) {
        return "{\"accountId\":\"" + account + "\",\"requestId\":\"" + requestId
                + "\",\"service\":\"BANK_CARD_VERIFICATION\",\"occurredAt\":\"2026-03-12T10:00:00+08:00\"}";
    }

    private JsonNode batch(Http http, List<String> calls) {
        Http.Response r = http.post("/api/v1/calls:batch", "{\"calls\":[" + String.join(",", calls) + "]}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().path("results");
    }

    private long callEvents(String account) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND payloadType LIKE '%CallMetered'", Long.class, account);
    }

    @Test
    void anUnknownAccountFailsAloneAndTheOthersAreMetered() {
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        ledger.open("xa-1", "2026-03-10T15:00:00+08:00");
        ledger.open("xa-2", "2026-03-10T15:00:00+08:00");
        JsonNode results = batch(http, List.of(call("xa-2", "r1"), call("nobody", "r1"), call("xa-1", "r1"),
                call("xa-2", "r2"), call("xa-1", "r1")));
        assertThat(results).hasSize(5);
        // answers in request order, whatever order the accounts were settled in
        assertThat(results.path(0).path("accountId").asText()).isEqualTo("xa-2");
        assertThat(results.path(0).path("status").asInt()).isEqualTo(201);
        assertThat(results.path(1).path("status").asInt()).isEqualTo(404);
        assertThat(results.path(1).path("code").asText()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(results.path(2).path("status").asInt()).isEqualTo(201);
        assertThat(results.path(3).path("status").asInt()).isEqualTo(201);
        assertThat(results.path(4).path("status").asInt()).isEqualTo(200);
        assertThat(results.path(4).path("duplicate").asBoolean()).isTrue();
        assertThat(callEvents("xa-1")).isEqualTo(1);
        assertThat(callEvents("xa-2")).isEqualTo(2);
    }

    @Test
    void aLostRaceOnOneAccountRollsBackTheWholeBatchAndItIsDecidedAgain() {
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        for (String a : List.of("xr-1", "xr-2", "xr-3")) {
            ledger.open(a, "2026-03-10T15:00:00+08:00");
            assertThat(ledger.call(a, "warm", "BANK_CARD_VERIFICATION", "2026-03-12T10:00:00+08:00").status())
                    .isEqualTo(201);
        }
        // Another node appends to xr-3 behind this node's back: its cached copy is now one event behind, so
        // the batch's append for xr-3 collides on (account, sequence) after xr-1 and xr-2 were settled.
        Map<String, Object> last = jdbc.queryForMap("SELECT * FROM DomainEventEntry WHERE aggregateIdentifier = 'xr-3'"
                + " ORDER BY sequenceNumber DESC LIMIT 1");
        // as the other node would write it: with its own link of the account's hash chain
        long next = ((Number) last.get("SEQUENCENUMBER")).longValue() + 1;
        String meta = new String((byte[]) last.get("METADATA"));
        String previousLink = meta.replaceAll(".*\"chainHash\":\"([0-9a-f]{64})\".*", "$1");
        String actor = meta.replaceAll(".*\"actor\":\"([^\"]*)\".*", "$1");
        String link = com.faceid.ledger.app.integrity.HashChain.link(previousLink, next, (String) last.get("PAYLOADTYPE"),
                (String) last.get("PAYLOADREVISION"), (String) last.get("TIMESTAMP"), actor, (byte[]) last.get("PAYLOAD"));
        jdbc.update("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData,"
                        + " payload, payloadRevision, payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "xr-3", next, last.get("TYPE"), java.util.UUID.randomUUID().toString(),
                meta.replace(previousLink, link).getBytes(), last.get("PAYLOAD"), last.get("PAYLOADREVISION"),
                last.get("PAYLOADTYPE"), last.get("TIMESTAMP"));
        List<String> calls = new ArrayList<>();
        for (String a : List.of("xr-1", "xr-2", "xr-3")) {
            calls.add(call(a, "after-race"));
        }
        JsonNode results = batch(http, calls);
        // every call is new (201): had xr-1's or xr-2's first attempt committed, the retry would answer 200 duplicate
        for (JsonNode r : results) {
            assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(201);
            assertThat(r.path("duplicate").asBoolean()).isFalse();
        }
        assertThat(callEvents("xr-1")).isEqualTo(2);
        assertThat(callEvents("xr-2")).isEqualTo(2);
        assertThat(callEvents("xr-3")).isEqualTo(3); // warm, the other node's event, after-race
    }

    @Test
    void aStorageFailureOnOneAccountLeavesNoCallOfTheBatchRecorded() {
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        for (String a : List.of("xp-1", "xp-2", "xp-3")) {
            ledger.open(a, "2026-03-10T15:00:00+08:00");
        }
        // the idempotency row of one call cannot be stored (not a race: retrying cannot help)
        jdbc.execute("ALTER TABLE metered_request ADD CONSTRAINT ck_poison CHECK (request_id <> 'poison')");
        try {
            Http.Response r = http.post("/api/v1/calls:batch", "{\"calls\":[" + String.join(",",
                    call("xp-1", "fine"), call("xp-2", "fine"), call("xp-3", "poison")) + "]}");
            assertThat(r.status()).as(r.text()).isEqualTo(500);
            assertThat(r.contentType()).startsWith("application/problem+json");
        } finally {
            jdbc.execute("ALTER TABLE metered_request DROP CONSTRAINT ck_poison");
        }
        // one transaction: the calls of xp-1 and xp-2, settled before xp-3 failed, were rolled back with it
        assertThat(callEvents("xp-1")).isZero();
        assertThat(callEvents("xp-2")).isZero();
        assertThat(callEvents("xp-3")).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM metered_request WHERE account_id LIKE 'xp-%'", Long.class))
                .isZero();
        // and the same batch, once the store accepts it, is metered as new calls
        JsonNode results = batch(http, List.of(call("xp-1", "fine"), call("xp-2", "fine"), call("xp-3", "poison")));
        for (JsonNode result : results) {
            assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(201);
        }
    }
}
