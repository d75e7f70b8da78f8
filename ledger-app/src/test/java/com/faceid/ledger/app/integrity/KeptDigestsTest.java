package com.faceid.ledger.app.integrity;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.faceid.ledger.app.schedule.DailyDigests;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Digests kept outside the ledger (issue "Hardening round 3", docs/audit.md): every account's chain head is
 * published once a billing day, as a {@code ledger.digest} log line and webhook notification; what was kept, in any of
 * the shapes the ledger hands out, is checked later against the stored history, which an edit made since no longer
 * hashes to. Runs on H2, and on PostgreSQL with LEDGER_TEST_DB=postgres.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.test.context=digests", "ledger.webhooks.allow-private=true", "ledger.webhooks.sender-enabled=false"})
@ActiveProfiles("test")
class KeptDigestsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DailyDigests digests;
    @Autowired
    HashChain chain;
    Http http;
    Ledger ledger;
    ListAppender<ILoggingEvent> digestLog = new ListAppender<>();

    @BeforeEach
    void setUp() {
        http = new Http(port);
        ledger = new Ledger(http);
        digestLog.start();
        ((Logger) LoggerFactory.getLogger(DailyDigests.LOG)).addAppender(digestLog);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(DailyDigests.LOG)).detachAppender(digestLog);
    }

    OffsetDateTime now() {
        return OffsetDateTime.parse(http.get("/api/v1/admin/clock").json().path("now").asText());
    }

    /** A new account, opened 3 hours before the clock (which tests move on), with {@code calls} calls an hour before it. */
    String account(int calls) {
        String a = "kd-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime now = now();
        ledger.open(a, now.minusHours(3).toString());
        ledger.calls(a, "BANK_CARD_VERIFICATION", calls, now.minusHours(1).toString(), a + "-");
        return a;
    }

    /** Moves the clock a day on and publishes: answers the day published (the one that ended, in the billing zone). */
    String publishTheNextDay() {
        OffsetDateTime next = now().plusDays(1);
        assertThat(http.post("/api/v1/admin/clock", "{\"now\":\"" + next + "\"}").status()).isEqualTo(200);
        assertThat(digests.publishDue()).isGreaterThanOrEqualTo(1);
        return next.atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().minusDays(1).toString();
    }

    void subscribeToDigests(String a) {
        Http.Response r = http.post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/digests\","
                + "\"events\":[\"ledger.digest\"],\"accountId\":\"" + a + "\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
    }

    JsonNode notification(String a, String day) throws Exception {
        String body = jdbc.queryForObject("SELECT body FROM webhook_notification WHERE notification_id = ?",
                String.class, "digest_" + a + "_" + day);
        return JSON.readTree(body);
    }

    String logged(String a) {
        return digestLog.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("\"accountId\":\"" + a + "\"")).reduce((x, y) -> y).orElseThrow();
    }

    Http.Response check(Http as, String... digests) {
        return as.post("/api/v1/admin/verify/digests", "{\"digests\":[" + String.join(",", digests) + "]}");
    }

    @Test
    void theDayEndedIsPublishedOnceAsALogLineAndAWebhookWithTheAccountsHead() throws Exception {
        String a = account(10);
        subscribeToDigests(a);
        String day = publishTheNextDay();
        JsonNode head = http.get("/api/v1/accounts/" + a + "/digest").json();
        JsonNode sent = notification(a, day);
        assertThat(sent.path("type").asText()).isEqualTo("ledger.digest");
        assertThat(sent.path("data").path("accountId").asText()).isEqualTo(a);
        assertThat(sent.path("data").path("day").asText()).isEqualTo(day);
        assertThat(sent.path("data").path("sequence").asLong()).isEqualTo(head.path("sequence").asLong());
        assertThat(sent.path("data").path("hash").asText()).isEqualTo(head.path("hash").asText());
        JsonNode line = JSON.readTree(logged(a).substring("digest ".length()));
        assertThat(line.path("sequence").asLong()).isEqualTo(head.path("sequence").asLong());
        assertThat(line.path("hash").asText()).isEqualTo(head.path("hash").asText());
        assertThat(line.path("day").asText()).isEqualTo(day);
        // the same day again: nothing more
        int lines = digestLog.list.size();
        assertThat(digests.publishDue()).isZero();
        assertThat(digestLog.list).hasSize(lines);
        // the next day publishes the head as it is then
        ledger.calls(a, "BANK_CARD_VERIFICATION", 3, now().minusMinutes(1).toString(), "next-day-");
        String nextDay = publishTheNextDay();
        JsonNode nextHead = http.get("/api/v1/accounts/" + a + "/digest").json();
        assertThat(nextHead.path("sequence").asLong()).isGreaterThanOrEqualTo(head.path("sequence").asLong() + 3);
        JsonNode next = notification(a, nextDay);
        assertThat(next.path("data").path("sequence").asLong()).isEqualTo(nextHead.path("sequence").asLong());
        assertThat(next.path("data").path("hash").asText()).isEqualTo(nextHead.path("hash").asText());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM webhook_notification WHERE account_id = ?"
                + " AND event_type = 'ledger.digest'", Integer.class, a)).isEqualTo(2);
    }

    @Test
    void keptDigestsInEveryShapeVerifyUntilAnEditAndThenNoLonger() throws Exception {
        String a = account(12);
        subscribeToDigests(a);
        publishTheNextDay();
        String answer = http.get("/api/v1/accounts/" + a + "/digest").text();
        String line = logged(a);
        String lineJson = line.substring(line.indexOf('{'));
        String webhookBody = jdbc.queryForObject("SELECT body FROM webhook_notification WHERE account_id = ?"
                + " AND event_type = 'ledger.digest'", String.class, a);
        String early = "{\"accountId\":\"" + a + "\",\"sequence\":4,\"hash\":\""
                + http.get("/api/v1/accounts/" + a + "/digest").json().path("hash").asText() + "\"}";
        // an auditor checks them all; the one made up for sequence 4 (the head's hash) does not hold
        Http.Response r = check(http.as("test-auditor-secret"), answer, lineJson, webhookBody, early);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("checked").asInt()).isEqualTo(4);
        assertThat(r.json().path("consistent").asInt()).isEqualTo(3);
        assertThat(r.json().path("checks").get(3).path("consistent").asBoolean()).isFalse();
        long edited = jdbc.queryForObject("SELECT MAX(sequenceNumber) FROM DomainEventEntry WHERE"
                + " aggregateIdentifier = ? AND payloadType LIKE '%CallMetered'", Long.class, a);
        String beforeTheEdit = "{\"accountId\":\"" + a + "\",\"sequence\":" + (edited - 1) + ",\"hash\":\""
                + chain.recomputed(a, edited - 1).orElseThrow() + "\"}";
        // someone who can write the store makes the last call free: no kept digest past it holds any more
        String payload = new String(jdbc.queryForObject("SELECT payload FROM DomainEventEntry WHERE"
                + " aggregateIdentifier = ? AND sequenceNumber = ?", byte[].class, a, edited));
        assertThat(payload).contains("POSTPAID");
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                payload.replace("POSTPAID", "NONE").getBytes(), a, edited);
        JsonNode after = check(http, answer, lineJson, webhookBody).json();
        assertThat(after.path("inconsistent").asInt()).isEqualTo(3);
        assertThat(after.path("checks").get(0).path("detail").asText()).contains("not what it was");
        // a digest of the history before the edit still holds
        assertThat(check(http, beforeTheEdit).json().path("consistent").asInt()).isEqualTo(1);
    }

    @Test
    void whatIsNotADigestIsRefusedAndAMissingAccountOrEventIsInconsistent() {
        String a = account(3);
        String hash = http.get("/api/v1/accounts/" + a + "/digest").json().path("hash").asText();
        for (String bad : List.of("{\"accountId\":\"" + a + "\",\"sequence\":-1,\"hash\":\"" + hash + "\"}",
                "{\"accountId\":\"" + a + "\",\"sequence\":1.5,\"hash\":\"" + hash + "\"}",
                "{\"accountId\":\"" + a + "\",\"sequence\":1,\"hash\":\"xyz\"}",
                "{\"sequence\":1,\"hash\":\"" + hash + "\"}", "\"text\"", "[]")) {
            Http.Response r = check(http, bad);
            assertThat(r.status()).as(bad + " -> " + r.text()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(r.json().path("detail").asText()).contains("digests[0]");
        }
        assertThat(check(http).status()).isEqualTo(400); // none
        String many = String.join(",", java.util.Collections.nCopies(KeptDigests.MAX + 1,
                "{\"accountId\":\"" + a + "\",\"sequence\":0,\"hash\":\"" + hash + "\"}"));
        assertThat(check(http, many).status()).isEqualTo(400);
        JsonNode r = check(http, "{\"accountId\":\"no-such-" + a + "\",\"sequence\":0,\"hash\":\"" + hash + "\"}",
                "{\"accountId\":\"" + a + "\",\"sequence\":999,\"hash\":\"" + hash + "\"}").json();
        assertThat(r.path("inconsistent").asInt()).isEqualTo(2);
        assertThat(r.path("checks").get(0).path("detail").asText()).contains("no account");
        assertThat(r.path("checks").get(1).path("detail").asText()).contains("no event 999");
        // a customer checks its own digests one at a time (GET …/digest/verify); the list is the auditors'
        assertThat(check(http.as("test-customer-secret"), "{\"accountId\":\"own-account\",\"sequence\":0,"
                + "\"hash\":\"" + hash + "\"}").status()).isEqualTo(403);
        assertThat(check(http.as("test-meter-secret"), "{\"accountId\":\"" + a + "\",\"sequence\":0,"
                + "\"hash\":\"" + hash + "\"}").status()).isEqualTo(403);
    }

    @Test
    void keptLinesAreReadFromTheirFirstBraceAndOtherLinesPassedOver() {
        List<KeptDigests.KeptDigest> kept = KeptDigests.parseLines(List.of(
                "2026-12-07 00:00:01 INFO ledger.digest - digest {\"accountId\":\"acme\",\"day\":\"2026-12-06\","
                        + "\"sequence\":12,\"hash\":\"" + "ab".repeat(32) + "\",\"at\":\"2026-12-06T10:00:00Z\"}",
                "2026-12-07 00:00:02 INFO chain digests of 2026-12-06 published for 1 accounts",
                "{\"id\":\"digest_acme_2026-12-06\",\"type\":\"ledger.digest\",\"accountId\":\"acme\",\"data\":"
                        + "{\"accountId\":\"acme\",\"sequence\":13,\"hash\":\"" + "cd".repeat(32) + "\"}}",
                ""));
        assertThat(kept).containsExactly(new KeptDigests.KeptDigest("acme", 12, "ab".repeat(32)),
                new KeptDigests.KeptDigest("acme", 13, "cd".repeat(32)));
    }
}
