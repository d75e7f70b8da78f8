package com.faceid.ledger.app.axon;

import com.faceid.ledger.app.security.RequestContext;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.HoldStatus;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.hold.CaptureHold;
import com.faceid.ledger.hold.HoldResult;
import com.faceid.ledger.hold.PlaceHold;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.MeterCall;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit: concurrent single calls of one account settled together keep every rule of single calls:
 * each call's own sender on its events, settlement in arrival order without overselling, a repeat inside
 * a group answered as a duplicate, a refused call failing alone. Holds, grouped the same way, likewise.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class GroupCommitTest {
    private static final Instant AT = OffsetDateTime.parse("2026-03-12T10:00:00+08:00").toInstant();

    @LocalServerPort
    int port;
    @Autowired
    GroupCommit groupCommit;
    @Autowired
    Clock clock;

    private CallOutcome meter(String account, String requestId, Instant occurredAt, String actor, String correlation) {
        return RequestContext.runAs(actor, correlation, () -> groupCommit.meter(new MeterCall(account, requestId,
                Service.WECHAT_LIVENESS_VERIFICATION, occurredAt, "Success", clock.instant())));
    }

    @Test
    void concurrentCallsAreGroupedAndEachKeepsItsSenderAndOutcome() throws Exception {
        Ledger ledger = new Ledger(new Http(port));
        ledger.open("grouped", "2026-03-10T15:00:00+08:00");
        assertThat(ledger.buy("grouped", "pg", "WECHAT_LIVENESS_VERIFICATION", 100, "2026-03-11T09:00:00+08:00")
                .status()).isEqualTo(201);
        var before = groupCommit.callStats();
        int threads = 16;
        int perThread = 40;
        Map<String, CallOutcome> outcomes = new ConcurrentHashMap<>();
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        onThreads(threads, thread -> {
            for (int i = 0; i < perThread; i++) {
                String id = "g" + thread + "-" + i;
                outcomes.put(id, meter("grouped", id, AT, "actor-" + thread, "corr-" + id));
                if (i == 7) { // a call before the account was opened: refused, alone
                    try {
                        meter("grouped", "early-" + thread, AT.minusSeconds(86_400 * 10), "actor-" + thread,
                                "corr-early-" + thread);
                    } catch (LedgerException e) {
                        failures.put("early-" + thread, e);
                    }
                }
            }
        });

        var after = groupCommit.callStats();
        assertThat(after.items() - before.items()).isEqualTo(threads * (perThread + 1));
        assertThat(after.groups() - before.groups()).as("some calls shared a unit of work")
                .isLessThan(after.items() - before.items());
        // every refused call failed alone with its own code
        assertThat(failures).hasSize(threads);
        failures.values().forEach(e -> assertThat(((LedgerException) e).code()).isEqualTo(ErrorCode.BEFORE_ACCOUNT_OPENED));
        // exactly 100 calls paid by the package (the free grant is not usable before the next day), none twice
        assertThat(outcomes).hasSize(threads * perThread);
        assertThat(outcomes.values().stream().filter(o -> o.chargedTo() == ChargedTo.PURCHASED).count()).isEqualTo(100);
        assertThat(outcomes.values().stream().filter(CallOutcome::duplicate).count()).isZero();

        // each event carries its own call's actor and correlation id, not its group leader's
        Http http = new Http(port);
        Map<String, JsonNode> metaByRequest = metaData(http, "grouped", "CallMetered", "requestId");
        assertThat(metaByRequest).hasSize(threads * perThread);
        metaByRequest.forEach((requestId, meta) -> {
            assertThat(meta.path("correlationId").asText()).as(requestId).isEqualTo("corr-" + requestId);
            assertThat(meta.path("actor").asText()).as(requestId)
                    .isEqualTo("actor-" + requestId.substring(1, requestId.indexOf('-')));
        });
    }

    @Test
    void concurrentHoldsAndCapturesAreGroupedAndEachKeepsItsSenderAndOutcome() throws Exception {
        Ledger ledger = new Ledger(new Http(port));
        Http http = new Http(port);
        assertThat(http.post("/api/v1/accounts", "{\"accountId\":\"held\",\"openedAt\":\"2026-03-10T15:00:00+08:00\","
                + "\"postpaidEnabled\":false}").status()).isEqualTo(201);
        assertThat(ledger.buy("held", "ph", "WECHAT_LIVENESS_VERIFICATION", 100, "2026-03-11T09:00:00+08:00")
                .status()).isEqualTo(201);
        var before = groupCommit.holdStats();
        int threads = 16;
        int perThread = 10;
        Map<String, HoldResult> holds = new ConcurrentHashMap<>();
        Map<String, CallOutcome> captures = new ConcurrentHashMap<>();
        Map<String, ErrorCode> refusedCaptures = new ConcurrentHashMap<>();
        onThreads(threads, thread -> {
            for (int i = 0; i < perThread; i++) {
                String id = "h" + thread + "-" + i;
                holds.put(id, RequestContext.runAs("actor-" + thread, "corr-" + id, () -> groupCommit.settle(
                        new PlaceHold("held", id, Service.WECHAT_LIVENESS_VERIFICATION, null, clock.instant()))));
                try {
                    captures.put(id, RequestContext.runAs("actor-" + thread, "corr-c" + id, () -> groupCommit
                            .settle(new CaptureHold("held", id, "c" + id, AT, null, clock.instant())).outcome()));
                } catch (LedgerException e) {
                    refusedCaptures.put(id, e.code());
                }
            }
        });

        var after = groupCommit.holdStats();
        assertThat(after.items() - before.items()).isEqualTo(2L * threads * perThread);
        assertThat(after.groups() - before.groups()).as("some operations shared a unit of work")
                .isLessThan(after.items() - before.items());
        // exactly the package's 100 units were held, each captured once and paid by the package
        assertThat(holds.values().stream().filter(r -> r.receipt().hold().status() == HoldStatus.HELD).count())
                .isEqualTo(100);
        assertThat(captures).hasSize(100);
        assertThat(captures.values()).allMatch(o -> o.chargedTo() == ChargedTo.PURCHASED && !o.duplicate());
        assertThat(refusedCaptures).hasSize(threads * perThread - 100).containsValue(ErrorCode.HOLD_REFUSED);
        assertThat(refusedCaptures.values()).containsOnly(ErrorCode.HOLD_REFUSED);
        // the registry agrees with what each caller was told
        captures.keySet().forEach(id -> assertThat(http.get("/api/v1/accounts/held/holds/" + id).json()
                .path("status").asText()).as(id).isEqualTo("CAPTURED"));

        // each event carries its own operation's actor and correlation id, not its group leader's
        Map<String, JsonNode> metaByHold = metaData(http, "held", "HoldPlaced", "holdId");
        assertThat(metaByHold).hasSize(threads * perThread);
        metaByHold.forEach((holdId, meta) -> {
            assertThat(meta.path("correlationId").asText()).as(holdId).isEqualTo("corr-" + holdId);
            assertThat(meta.path("actor").asText()).as(holdId)
                    .isEqualTo("actor-" + holdId.substring(1, holdId.indexOf('-')));
        });
    }

    @Test
    void aRepeatInsideOneGroupIsADuplicateOfTheFirst() throws Exception {
        new Ledger(new Http(port)).open("twice", "2026-03-10T15:00:00+08:00");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CallOutcome>> answers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            answers.add(pool.submit(() -> {
                go.await();
                return meter("twice", "same-id", AT, "actor-" + thread, "corr-" + thread);
            }));
        }
        go.countDown();
        List<CallOutcome> outcomes = new ArrayList<>();
        for (Future<CallOutcome> f : answers) {
            outcomes.add(f.get(1, TimeUnit.MINUTES));
        }
        pool.shutdown();
        assertThat(outcomes.stream().filter(o -> !o.duplicate()).count()).isEqualTo(1);
        assertThat(outcomes.stream().filter(CallOutcome::duplicate).count()).isEqualTo(7);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.chargedTo()).isEqualTo(ChargedTo.POSTPAID));
        assertThat(new Ledger(new Http(port)).eventCount("twice")).isEqualTo(5); // opened, 3 grants, 1 call
    }

    @Test
    void lanesAreDroppedOnceTheirAccountIsIdleSoMemoryDoesNotGrowWithAccounts() throws Exception {
        Ledger ledger = new Ledger(new Http(port));
        int accounts = 200;
        for (int i = 0; i < accounts; i++) {
            ledger.open("lane-" + i, "2026-03-10T15:00:00+08:00");
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<CallOutcome>> answers = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            for (int k = 0; k < 3; k++) {
                String account = "lane-" + i;
                String id = "r-" + k;
                answers.add(pool.submit(() -> meter(account, id, AT, "actor", "corr")));
            }
        }
        for (Future<CallOutcome> f : answers) {
            assertThat(f.get(1, TimeUnit.MINUTES).chargedTo()).isEqualTo(ChargedTo.POSTPAID);
        }
        pool.shutdown();
        // every account was metered, and none is being metered now: no lane is kept
        assertThat(groupCommit.lanes()).isZero();
    }

    interface OnThread {
        void run(int thread) throws Exception;
    }

    /** Runs {@code body} on {@code threads} threads started at once, and waits for all of them. */
    private static void onThreads(int threads, OnThread body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                go.await();
                body.run(thread);
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
    }

    /** The metadata of an account's events of one type, by a field of their payload. */
    private static Map<String, JsonNode> metaData(Http http, String account, String type, String key) {
        Map<String, JsonNode> out = new HashMap<>();
        for (int page = 0; page < 20; page++) {
            JsonNode events = http.get("/api/v1/accounts/" + account + "/events?type=" + type + "&size=500&page="
                    + page).json().path("events");
            if (events.isEmpty()) {
                break;
            }
            events.forEach(e -> out.put(e.path("payload").path(key).asText(), e.path("metaData")));
        }
        return out;
    }
}
