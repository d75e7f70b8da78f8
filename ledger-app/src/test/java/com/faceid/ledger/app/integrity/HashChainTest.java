package com.faceid.ledger.app.integrity;

import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tamper evidence (issue "History that lasts"): every account's events form a hash chain, written with the
 * events. A digest taken earlier still verifies after more calls; editing, deleting, inserting or
 * reordering stored rows directly in the database is found by verify with the account and the first bad
 * sequence, and a kept digest stops verifying. Runs on H2, and on PostgreSQL with LEDGER_TEST_DB=postgres.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@DirtiesContext // its stored rows are tampered with: a context in that state is closed, not cached
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.test.context=chain")
@ActiveProfiles("test")
class HashChainTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HashChain chain;
    @Autowired
    org.axonframework.common.caching.Cache accountCache;
    Http http;
    Ledger ledger;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        ledger = new Ledger(http);
    }

    String account(int calls) {
        String a = "ch-" + UUID.randomUUID().toString().substring(0, 8);
        ledger.open(a, "2026-03-10T15:00:00+08:00");
        ledger.calls(a, "BANK_CARD_VERIFICATION", calls, "2026-03-12T10:00:00+08:00", a + "-");
        return a;
    }

    JsonNode digest(String a) {
        Http.Response r = http.get("/api/v1/accounts/" + a + "/digest");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    boolean verifies(String a, JsonNode digest) {
        return http.get("/api/v1/accounts/" + a + "/digest/verify?sequence=" + digest.path("sequence").asLong()
                + "&hash=" + digest.path("hash").asText()).json().path("consistent").asBoolean();
    }

    JsonNode brokenLinks(String a) {
        JsonNode report = http.get("/api/v1/admin/verify").json();
        com.fasterxml.jackson.databind.node.ArrayNode out = new com.fasterxml.jackson.databind.ObjectMapper()
                .createArrayNode();
        report.path("differences").forEach(d -> {
            if ("CHAIN_BROKEN".equals(d.path("kind").asText()) && a.equals(d.path("accountId").asText())) {
                out.add(d);
            }
        });
        return out;
    }

    @Test
    void aDigestTakenBeforeAThousandMoreCallsStillVerifiesAfterThem() {
        String a = account(10);
        JsonNode before = digest(a);
        assertThat(before.path("hash").asText()).matches("[0-9a-f]{64}");
        ledger.calls(a, "BANK_CARD_VERIFICATION", 1000, "2026-03-13T10:00:00+08:00", "more-");
        JsonNode after = digest(a);
        assertThat(after.path("sequence").asLong()).isEqualTo(before.path("sequence").asLong() + 1000);
        assertThat(verifies(a, before)).isTrue();
        assertThat(verifies(a, after)).isTrue();
        assertThat(brokenLinks(a)).isEmpty();
        // a digest someone made up does not verify
        assertThat(http.get("/api/v1/accounts/" + a + "/digest/verify?sequence=5&hash=" + "ab".repeat(32)).json()
                .path("consistent").asBoolean()).isFalse();
        // a closed statement carries the digest at its close
        assertThat(http.post("/api/v1/accounts/" + a + "/statements/2026-03/close").status()).isEqualTo(200);
        JsonNode closed = ledger.statement(a, "2026-03");
        assertThat(closed.path("digest").path("hash").asText()).isEqualTo(digest(a).path("hash").asText());
        assertThat(closed.path("digest").path("sequence").asLong()).isEqualTo(digest(a).path("sequence").asLong());
    }

    /** Edits the stored payload of event {@code seq} as someone who can write the store: a postpaid call made free. */
    void makePostpaidFree(String a, long seq) {
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                new String(jdbc.queryForObject("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                        + " AND sequenceNumber = ?", byte[].class, a, seq)).replace("POSTPAID", "NONE").getBytes(), a,
                seq);
    }

    @Test
    void anEditedPayloadIsFoundAtItsSequence() {
        String a = account(20);
        JsonNode kept = digest(a);
        makePostpaidFree(a, 9);
        JsonNode broken = brokenLinks(a);
        assertThat(broken).hasSize(1);
        assertThat(broken.get(0).path("sequence").asLong()).isEqualTo(9);
        assertThat(verifies(a, kept)).isFalse();
    }

    @Test
    void anEditedStatementIsFoundByTheReratingAsWellAsByTheChain() {
        String a = account(20); // 20 postpaid bank-card calls: 8.00
        assertThat(http.post("/api/v1/accounts/" + a + "/statements/2026-03/close").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/admin/verify").json().path("differences").toString()).doesNotContain(a);
        long seq = jdbc.queryForObject("SELECT MAX(sequenceNumber) FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND payloadType LIKE '%StatementClosed'", Long.class, a);
        String payload = new String(jdbc.queryForObject("SELECT payload FROM DomainEventEntry WHERE"
                + " aggregateIdentifier = ? AND sequenceNumber = ?", byte[].class, a, seq));
        String edited = payload.replaceAll("\"totalSpend\":\"?[0-9.]+\"?", "\"totalSpend\":1.00");
        assertThat(edited).isNotEqualTo(payload);
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                edited.getBytes(), a, seq);
        java.util.List<JsonNode> rerated = new java.util.ArrayList<>();
        http.get("/api/v1/admin/verify").json().path("differences").forEach(d -> {
            if ("RERATE_MISMATCH".equals(d.path("kind").asText()) && a.equals(d.path("accountId").asText())) {
                rerated.add(d);
            }
        });
        assertThat(rerated).hasSize(1);
        assertThat(rerated.get(0).path("key").asText()).isEqualTo(a + "/2026-03");
        assertThat(rerated.get(0).path("expected").asText()).contains("totalSpend=1.00");
        assertThat(rerated.get(0).path("actual").asText()).contains("totalSpend=8.00");
        assertThat(brokenLinks(a)).hasSize(1);
    }

    @Test
    void aDeletedRowIsFoundAtItsSequence() {
        String a = account(20);
        JsonNode kept = digest(a);
        jdbc.update("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 12", a);
        JsonNode broken = brokenLinks(a);
        assertThat(broken).hasSize(1);
        assertThat(broken.get(0).path("sequence").asLong()).isEqualTo(12);
        assertThat(verifies(a, kept)).isFalse();
    }

    @Test
    void anInsertedRowIsFoundAtItsSequence() {
        String a = account(20);
        long last = digest(a).path("sequence").asLong();
        // a forged call appended after the last event, copying a real one's payload and metadata
        jdbc.update("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData,"
                + " payload, payloadRevision, payloadType, timeStamp) SELECT aggregateIdentifier, ?, type, ?, metaData,"
                + " payload, payloadRevision, payloadType, timeStamp FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND sequenceNumber = ?", last + 1, UUID.randomUUID().toString(), a, last);
        JsonNode broken = brokenLinks(a);
        assertThat(broken).hasSize(1);
        assertThat(broken.get(0).path("sequence").asLong()).isEqualTo(last + 1);
    }

    @Test
    void twoReorderedRowsAreFoundAtTheFirst() {
        String a = account(20);
        JsonNode kept = digest(a);
        jdbc.update("UPDATE DomainEventEntry SET sequenceNumber = -1 WHERE aggregateIdentifier = ? AND sequenceNumber = 7", a);
        jdbc.update("UPDATE DomainEventEntry SET sequenceNumber = 7 WHERE aggregateIdentifier = ? AND sequenceNumber = 8", a);
        jdbc.update("UPDATE DomainEventEntry SET sequenceNumber = 8 WHERE aggregateIdentifier = ? AND sequenceNumber = -1", a);
        JsonNode broken = brokenLinks(a);
        assertThat(broken).hasSize(1);
        assertThat(broken.get(0).path("sequence").asLong()).isEqualTo(7);
        assertThat(verifies(a, kept)).isFalse();
    }

    @Test
    void historyStoredBeforeTheChainIsLinkedByTheBackfillAndThenChainedOn() {
        String a = account(15);
        // as a store written before the chain existed: no link in any event's metadata
        stripLinks(a, 0);
        assertThat(brokenLinks(a)).hasSize(1); // unlinked: not proven
        assertThat(chain.backfill(a)).isGreaterThan(15);
        assertThat(brokenLinks(a)).isEmpty();
        JsonNode kept = digest(a);
        // metering goes on and chains on top of the backfilled links
        accountCache.removeAll();
        assertThat(ledger.call(a, "after-backfill", "BANK_CARD_VERIFICATION", "2026-03-14T10:00:00+08:00").status())
                .isEqualTo(201);
        assertThat(brokenLinks(a)).isEmpty();
        assertThat(verifies(a, kept)).isTrue();
    }

    /** Strips the chain link from the account's events from {@code from} on, as someone who can write the store. */
    void stripLinks(String a, long from) {
        for (Object[] row : jdbc.query("SELECT sequenceNumber, metaData FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND sequenceNumber >= ?", (rs, i) -> new Object[]{rs.getLong(1), rs.getBytes(2)}, a, from)) {
            String meta = new String((byte[]) row[1]).replaceAll(",?\"chainHash\":\"[0-9a-f]{64}\"", "")
                    .replace("{,", "{");
            jdbc.update("UPDATE DomainEventEntry SET metaData = ? WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                    meta.getBytes(), a, row[0]);
        }
    }

    @Test
    void anEditWhoseLinksWereStrippedFromItOnIsBrokenThereWhateverTheBackfillDoes() {
        String a = account(20);
        JsonNode kept = digest(a);
        makePostpaidFree(a, 9);
        stripLinks(a, 9);
        // the next start's backfill (it ran once already: recorded), a look-up, and a direct backfill link nothing
        assertThat(chain.backfillDone()).isTrue();
        assertThat(chain.backfillAll((done, total) -> { })).isZero();
        assertThat(chain.stored(a, 15)).isEmpty();
        assertThat(chain.backfill(a)).isZero();
        JsonNode broken = brokenLinks(a);
        assertThat(broken).hasSize(1);
        assertThat(broken.get(0).path("sequence").asLong()).isEqualTo(9);
        assertThat(broken.get(0).toString()).contains("stripped");
        // links written into the backfill table by hand count for nothing after the account's first linked event
        for (long seq = 9; chain.recomputed(a, seq).isPresent(); seq++) {
            jdbc.update("INSERT INTO event_chain_backfill (account_id, sequence_number, hash) VALUES (?, ?, ?)",
                    a, seq, chain.recomputed(a, seq).orElseThrow());
        }
        assertThat(brokenLinks(a)).hasSize(1);
        assertThat(brokenLinks(a).get(0).path("sequence").asLong()).isEqualTo(9);
        assertThat(verifies(a, kept)).isFalse();
        // the account stays writable: its next call chains on, and the break stays where it was
        accountCache.removeAll();
        assertThat(ledger.call(a, "after-strip", "BANK_CARD_VERIFICATION", "2026-03-14T10:00:00+08:00").status())
                .isEqualTo(201);
        assertThat(brokenLinks(a)).hasSize(1);
        assertThat(brokenLinks(a).get(0).path("sequence").asLong()).isEqualTo(9);
    }

    @Test
    void aSnapshotOfAnotherRevisionIsIgnoredAndTheAccountRebuiltFromItsEvents() {
        String a = account(5);
        long last = digest(a).path("sequence").asLong();
        jdbc.update("INSERT INTO SnapshotEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier,"
                + " metaData, payload, payloadRevision, payloadType, timeStamp) VALUES (?, ?, 'Account', ?, ?, ?,"
                + " '1', 'com.faceid.ledger.account.Account', '2026-04-01T04:00:00Z')", a, last,
                UUID.randomUUID().toString(), "{}".getBytes(),
                // readable as an Account, but of revision 1: its fields are not what the current revision holds
                ("{\"accountId\":\"" + a + "\",\"openedAt\":\"2026-03-10T07:00:00Z\",\"zone\":\"Asia/Shanghai\","
                        + "\"postpaidEnabled\":false,\"closedThrough\":\"2026-02\"}").getBytes());
        accountCache.removeAll();
        Http.Response r = ledger.call(a, "after-snapshot", "BANK_CARD_VERIFICATION", "2026-03-14T10:00:00+08:00");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        // the old snapshot said postpaid off (it would have REFUSED the call); the events say on
        assertThat(r.json().path("chargedTo").asText()).isEqualTo("POSTPAID");
        assertThat(ledger.eventCount(a)).isEqualTo(last + 2);
    }
}
