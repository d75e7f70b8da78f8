package com.faceid.ledger.app.hold;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Holds over HTTP (docs/api.md "Holds"), including the races: on H2, and on PostgreSQL with LEDGER_TEST_DB. */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.test.context=holds")
@ActiveProfiles("test")
class HoldsHttpTest {
    static final String S = "WECHAT_LIVENESS_VERIFICATION";
    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    Http http;
    Ledger ledger;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        ledger = new Ledger(http);
    }

    String account(boolean postpaid, int packageSize) {
        String a = "hd-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response opened = http.post("/api/v1/accounts", "{\"accountId\":\"" + a
                + "\",\"openedAt\":\"2026-03-10T15:00:00+08:00\",\"postpaidEnabled\":" + postpaid + "}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        if (packageSize > 0) {
            assertThat(ledger.buy(a, "po", S, packageSize, "2026-03-11T09:00:00+08:00").status()).isEqualTo(201);
        }
        return a;
    }

    Http.Response hold(Http h, String a, String holdId) {
        return h.post("/api/v1/accounts/" + a + "/holds", "{\"holdId\":\"" + holdId + "\",\"service\":\"" + S + "\"}");
    }

    JsonNode serviceQuota(String a, String asOf) {
        return http.get("/api/v1/accounts/" + a + "/quota" + (asOf == null ? "" : "?asOf=" + asOf.replace("+", "%2B")))
                .json().path("services").findParents("service").stream()
                .filter(s -> s.path("service").asText().equals(S)).findFirst().orElseThrow();
    }

    String moveClock(int minutes) {
        String now = http.get("/api/v1/admin/clock").json().path("now").asText();
        String later = java.time.OffsetDateTime.parse(now).plusMinutes(minutes).toString();
        assertThat(http.post("/api/v1/admin/clock", "{\"now\":\"" + later + "\"}").status()).isEqualTo(200);
        return later;
    }

    /** An as-of quota shows what holds reserved at that instant, from the events, as the live quota did then. */
    @Test
    void aQuotaAsOfAnInstantShowsTheHoldsAliveThen() {
        String a = account(true, 100);
        String whileHeld = moveClock(1); // the hold is placed at this instant, captured a minute later
        assertThat(hold(http, a, "h-asof").status()).isEqualTo(201);
        moveClock(1);
        JsonNode live = serviceQuota(a, null);
        assertThat(live.path("held").asInt()).isEqualTo(1);
        assertThat(http.post("/api/v1/accounts/" + a + "/holds/h-asof/capture",
                "{\"requestId\":\"r-asof\",\"resultCode\":\"Success\"}").status()).isEqualTo(201);
        String afterCapture = moveClock(1);
        JsonNode then = serviceQuota(a, whileHeld);
        assertThat(then.path("held").asInt()).isEqualTo(1);
        assertThat(then.path("remaining").asInt()).isEqualTo(live.path("remaining").asInt()).isEqualTo(99);
        assertThat(then.path("packages").get(0).path("held").asInt()).isEqualTo(1);
        JsonNode after = serviceQuota(a, afterCapture);
        assertThat(after.path("held").asInt()).isZero();
        assertThat(after.path("remaining").asInt()).isEqualTo(99); // used now, no longer held
        assertThat(hold(http, a, "h-lapse").status()).isEqualTo(201);
        String pastItsExpiry = moveClock(6); // the hold's 5 minutes are over (recorded or not)
        assertThat(serviceQuota(a, pastItsExpiry).path("held").asInt()).isZero();
    }

    @Test
    void aHoldIsShownInTheQuotaCapturedAsACallAndExplained() {
        String a = account(true, 100);
        Http.Response placed = hold(http, a, "h-1");
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        assertThat(placed.json().path("status").asText()).isEqualTo("HELD");
        assertThat(placed.json().path("source").asText()).isEqualTo("PURCHASED");
        assertThat(placed.json().path("packageId").asText()).isEqualTo("PKG-000001");
        assertThat(hold(http, a, "h-1").status()).isEqualTo(200);
        JsonNode service = http.get("/api/v1/accounts/" + a + "/quota").json().path("services").findParents("service")
                .stream().filter(s -> s.path("service").asText().equals(S)).findFirst().orElseThrow();
        assertThat(service.path("held").asInt()).isEqualTo(1);
        assertThat(service.path("remaining").asInt()).isEqualTo(99);
        assertThat(service.path("packages").get(0).path("held").asInt()).isEqualTo(1);

        Http.Response captured = http.post("/api/v1/accounts/" + a + "/holds/h-1/capture",
                "{\"requestId\":\"r-1\",\"resultCode\":\"Success\"}");
        assertThat(captured.status()).as(captured.text()).isEqualTo(201);
        assertThat(captured.json().path("chargedTo").asText()).isEqualTo("PURCHASED");
        assertThat(http.post("/api/v1/accounts/" + a + "/holds/h-1/capture",
                "{\"requestId\":\"r-1\",\"resultCode\":\"Success\"}").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/accounts/" + a + "/holds/h-1").json().path("status").asText()).isEqualTo("CAPTURED");
        JsonNode why = http.get("/api/v1/accounts/" + a + "/calls/r-1").json();
        assertThat(why.path("hold").path("holdId").asText()).isEqualTo("h-1");
        assertThat(why.path("hold").path("source").asText()).isEqualTo("PURCHASED");
        assertThat(http.post("/api/v1/accounts/" + a + "/holds/h-1/void").code()).isEqualTo("HOLD_CAPTURED");
        // the meter key may hold and capture
        assertThat(hold(http.as("test-meter-secret"), a, "h-meter").status()).isEqualTo(201);
    }

    @Test
    void sixteenThreadsHoldingAgainstAHundredUnitsWithPostpaidOffGetExactlyAHundred() throws Exception {
        String a = account(false, 100);
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 10; i++) {
                    Http.Response r = hold(http, a, "h-" + thread + "-" + i);
                    assertThat(r.status()).as(r.text()).isEqualTo(201);
                    statuses.computeIfAbsent(r.json().path("status").asText(), k -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(statuses.get("HELD").get()).isEqualTo(100);
        assertThat(statuses.get("REFUSED").get()).isEqualTo(60);
    }

    @Test
    void capturesAndVoidsRacingOnOneHoldLeaveExactlyOneWinner() throws Exception {
        String a = account(true, 100);
        assertThat(hold(http, a, "contested").status()).isEqualTo(201);
        List<Integer> captures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> voids = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                go.await();
                if (thread % 2 == 0) {
                    captures.add(http.post("/api/v1/accounts/" + a + "/holds/contested/capture",
                            "{\"requestId\":\"c-" + thread + "\"}").status());
                } else {
                    voids.add(http.post("/api/v1/accounts/" + a + "/holds/contested/void").status());
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        // exactly one of them is recorded; the others are refused (409) or, for a void after the void, its repeat
        JsonNode events = http.get("/api/v1/accounts/" + a + "/events?size=1000").json().path("events");
        long recorded = 0;
        for (JsonNode e : events) {
            String type = e.path("type").asText();
            recorded += type.equals("HoldCaptured") || type.equals("HoldVoided") ? 1 : 0;
        }
        assertThat(recorded).isEqualTo(1);
        if (captures.contains(201)) {
            assertThat(captures.stream().filter(s -> s == 201).count()).as(captures.toString()).isEqualTo(1);
            assertThat(captures.stream().filter(s -> s == 409).count()).as(captures.toString()).isEqualTo(3);
            assertThat(voids).as(voids.toString()).containsOnly(409);
        } else {
            assertThat(captures).as(captures.toString()).containsOnly(409);
            assertThat(voids).as(voids.toString()).containsOnly(200);
        }
    }

    @Test
    void anExpiredHoldCannotBeCapturedAndBatchesAnswerEachItem() {
        String a = account(true, 100);
        assertThat(hold(http, a, "late").status()).isEqualTo(201);
        String now = http.get("/api/v1/admin/clock").json().path("now").asText();
        http.post("/api/v1/admin/clock", "{\"now\":\"" + java.time.OffsetDateTime.parse(now).plusMinutes(6) + "\"}");
        assertThat(http.post("/api/v1/accounts/" + a + "/holds/late/capture", "{\"requestId\":\"r-late\"}").code())
                .isEqualTo("HOLD_EXPIRED");
        assertThat(http.get("/api/v1/accounts/" + a + "/holds/late").json().path("status").asText()).isEqualTo("EXPIRED");

        JsonNode placed = http.post("/api/v1/holds:batch", "{\"holds\":[{\"accountId\":\"" + a + "\",\"holdId\":\"b-1\","
                + "\"service\":\"" + S + "\"},{\"accountId\":\"nobody\",\"holdId\":\"b-2\",\"service\":\"" + S + "\"}]}").json();
        assertThat(placed.path("results").get(0).path("status").asInt()).isEqualTo(201);
        assertThat(placed.path("results").get(1).path("code").asText()).isEqualTo("ACCOUNT_NOT_FOUND");
        JsonNode captured = http.post("/api/v1/holds:capture-batch", "{\"captures\":[{\"accountId\":\"" + a
                + "\",\"holdId\":\"b-1\",\"requestId\":\"rb-1\"},{\"accountId\":\"" + a + "\",\"holdId\":\"late\","
                + "\"requestId\":\"rb-2\"}]}").json();
        assertThat(captured.path("results").get(0).path("outcome").path("chargedTo").asText()).isEqualTo("PURCHASED");
        assertThat(captured.path("results").get(1).path("code").asText()).isEqualTo("HOLD_EXPIRED");
        JsonNode verify = http.get("/api/v1/admin/verify").json();
        assertThat(verify.path("differences")).as(verify.toString()).isEmpty();
    }

    /**
     * A batch item that is null, breaks a field's rule or names an unknown service fails alone with its code, as in
     * calls:batch; the valid items beside it are placed and captured.
     */
    @Test
    void aNullOrInvalidBatchItemFailsAloneAndTheOthersGoOn() {
        String a = account(true, 100);
        Http.Response placed = http.post("/api/v1/holds:batch", "{\"holds\":[null,{\"accountId\":\"" + a
                + "\",\"holdId\":\"ok-1\",\"service\":\"" + S + "\"},{\"accountId\":\"" + a + "\",\"holdId\":\"bad id\","
                + "\"service\":\"" + S + "\"},{\"accountId\":\"" + a + "\",\"holdId\":\"svc-1\",\"service\":\"NOPE\"}]}");
        assertThat(placed.status()).as(placed.text()).isEqualTo(200);
        JsonNode results = placed.json().path("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).path("status").asInt()).isEqualTo(400);
        assertThat(results.get(0).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(results.get(0).path("detail").asText()).isEqualTo("null hold");
        assertThat(results.get(1).path("status").asInt()).isEqualTo(201);
        assertThat(results.get(1).path("hold").path("status").asText()).isEqualTo("HELD");
        assertThat(results.get(2).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(results.get(2).path("detail").asText()).startsWith("holdId must match");
        assertThat(results.get(3).path("status").asInt()).isEqualTo(400);
        assertThat(results.get(3).path("code").asText()).isEqualTo("UNKNOWN_SERVICE");
        assertThat(http.get("/api/v1/accounts/" + a + "/holds/svc-1").status()).isEqualTo(404);

        Http.Response captured = http.post("/api/v1/holds:capture-batch", "{\"captures\":[{\"accountId\":\"" + a
                + "\",\"holdId\":\"ok-1\",\"requestId\":\"bad request\"},null,{\"accountId\":\"" + a
                + "\",\"holdId\":\"ok-1\",\"requestId\":\"r-ok-1\"}]}");
        assertThat(captured.status()).as(captured.text()).isEqualTo(200);
        results = captured.json().path("results");
        assertThat(results.get(0).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(results.get(0).path("detail").asText()).startsWith("requestId must match");
        assertThat(results.get(1).path("detail").asText()).isEqualTo("null capture");
        assertThat(results.get(2).path("status").asInt()).isEqualTo(201);
        assertThat(results.get(2).path("outcome").path("chargedTo").asText()).isEqualTo("PURCHASED");
        assertThat(http.get("/api/v1/accounts/" + a + "/holds/ok-1").json().path("requestId").asText())
                .isEqualTo("r-ok-1");
    }

    /**
     * One step an account serves all its holds: the scheduler, moved past them, records each hold still held as
     * expired at its own expiry, in order, and leaves the captured one alone; a hold placed after the step is done
     * makes it due again.
     */
    @Test
    void theSchedulerExpiresEachHoldAtItsOwnExpiryWithOneStepForTheAccount() {
        String a = account(true, 100);
        assertThat(hold(http, a, "e-1").status()).isEqualTo(201);
        moveClock(1);
        assertThat(hold(http, a, "e-2").status()).isEqualTo(201);
        assertThat(hold(http, a, "e-3").status()).isEqualTo(201);
        assertThat(http.post("/api/v1/accounts/" + a + "/holds/e-2/capture", "{\"requestId\":\"r-e2\"}").status())
                .isEqualTo(201);
        moveClock(10);
        List<JsonNode> expired = new ArrayList<>();
        http.get("/api/v1/accounts/" + a + "/events?type=HoldExpired").json().path("events").forEach(expired::add);
        assertThat(expired).extracting(e -> e.path("payload").path("holdId").asText()).containsExactly("e-1", "e-3");
        for (JsonNode e : expired) {
            String holdId = e.path("payload").path("holdId").asText();
            assertThat(java.time.Instant.parse(e.path("payload").path("expiresAt").asText())).as(holdId)
                    .isEqualTo(java.time.OffsetDateTime.parse(http.get("/api/v1/accounts/" + a + "/holds/" + holdId)
                            .json().path("expiresAt").asText()).toInstant());
        }
        assertThat(steps(a)).containsExactly("EXPIRE_HOLDS holds DONE");

        assertThat(hold(http, a, "e-4").status()).isEqualTo(201);
        assertThat(steps(a)).containsExactly("EXPIRE_HOLDS holds PENDING");
        moveClock(6);
        assertThat(http.get("/api/v1/accounts/" + a + "/holds/e-4").json().path("status").asText())
                .isEqualTo("EXPIRED");
        assertThat(http.get("/api/v1/accounts/" + a + "/events?type=HoldExpired").json().path("events")).hasSize(3);
        assertThat(steps(a)).containsExactly("EXPIRE_HOLDS holds DONE");
    }

    /** A store written before EXPIRE_HOLDS has one EXPIRE_HOLD step a hold: such a step still expires its hold. */
    @Test
    void aHoldExpiryStepStoredOneAHoldStillRuns() {
        String a = account(true, 100);
        assertThat(hold(http, a, "old-1").status()).isEqualTo(201);
        String expiresAt = http.get("/api/v1/accounts/" + a + "/holds/old-1").json().path("expiresAt").asText();
        jdbc.update("DELETE FROM scheduled_step WHERE account_id = ? AND kind = 'EXPIRE_HOLDS'", a);
        jdbc.update("INSERT INTO scheduled_step (account_id, kind, ref, due_at, status, attempts)"
                        + " VALUES (?, 'EXPIRE_HOLD', 'old-1', ?, 'PENDING', 0)", a,
                java.sql.Timestamp.from(java.time.OffsetDateTime.parse(expiresAt).toInstant()));
        moveClock(6);
        assertThat(http.get("/api/v1/accounts/" + a + "/events?type=HoldExpired").json().path("events")).hasSize(1);
        assertThat(steps(a)).containsExactly("EXPIRE_HOLD old-1 DONE");
    }

    /**
     * A hold placed while another node runs the account's expiry step makes the step pending again, due at the new
     * hold's expiry (that node's end of the run then leaves it so: StepRunner.done and again): a later run expires
     * both holds, each at its own expiry.
     */
    @Test
    void aHoldPlacedWhileAnotherNodeRunsTheStepIsExpiredByALaterRun() {
        String a = account(true, 100);
        assertThat(hold(http, a, "n-1").status()).isEqualTo(201);
        jdbc.update("UPDATE scheduled_step SET status = 'RUNNING', claimed_by = 'other-node', claimed_at = ?"
                + " WHERE account_id = ? AND kind = 'EXPIRE_HOLDS'", java.sql.Timestamp.from(java.time.Instant.now()), a);
        moveClock(1);
        assertThat(hold(http, a, "n-2").status()).isEqualTo(201);
        java.time.Instant expires2 = java.time.OffsetDateTime.parse(http.get("/api/v1/accounts/" + a + "/holds/n-2")
                .json().path("expiresAt").asText()).toInstant();
        assertThat(steps(a)).containsExactly("EXPIRE_HOLDS holds PENDING");
        assertThat(jdbc.queryForObject("SELECT due_at FROM scheduled_step WHERE account_id = ? AND kind = 'EXPIRE_HOLDS'",
                java.sql.Timestamp.class, a).toInstant()).isEqualTo(expires2);

        moveClock(6);
        List<JsonNode> expired = new ArrayList<>();
        http.get("/api/v1/accounts/" + a + "/events?type=HoldExpired").json().path("events").forEach(expired::add);
        assertThat(expired).extracting(e -> e.path("payload").path("holdId").asText()).containsExactly("n-1", "n-2");
        assertThat(java.time.Instant.parse(expired.get(1).path("payload").path("expiresAt").asText())).isEqualTo(expires2);
        assertThat(steps(a)).containsExactly("EXPIRE_HOLDS holds DONE");
    }

    private List<String> steps(String account) {
        return jdbc.queryForList("SELECT kind || ' ' || ref || ' ' || status FROM scheduled_step WHERE account_id = ?"
                + " AND kind LIKE 'EXPIRE_HOLD%'", String.class, account);
    }
}
