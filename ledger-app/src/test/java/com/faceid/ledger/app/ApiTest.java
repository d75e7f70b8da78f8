package com.faceid.ledger.app;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every endpoint of the Accounts, Packages, Metering and Balances/statements/audit sections of api.md. */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiTest {
    static final String OPENED = "2026-03-10T15:00:00+08:00";
    @LocalServerPort
    int port;
    Http http;
    Ledger ledger;
    String acme;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        ledger = new Ledger(http);
        acme = "acme-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void awaitAsserted(org.awaitility.core.ThrowingRunnable r) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).untilAsserted(r);
    }

    static void problem(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.path("code").asText()).isEqualTo(code);
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("type").asText()).isNotBlank();
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("detail").asText()).isNotBlank();
    }

    // ---------------------------------------------------------------- accounts

    @Test
    void openingAnAccountShowsItsGrants() {
        JsonNode a = ledger.open(acme, OPENED);
        assertThat(a.path("accountId").asText()).isEqualTo(acme);
        assertThat(a.path("openedAt").asText()).isEqualTo(OPENED);
        assertThat(a.path("postpaidEnabled").asBoolean()).isTrue();
        assertThat(a.path("services")).hasSize(3);
        for (JsonNode s : a.path("services")) {
            assertThat(s.path("service").asText()).isIn("LIVENESS_VERIFICATION", "PHOTO_VERIFICATION",
                    "LIVENESS_COMPARISON");
            assertThat(s.path("remaining").asInt()).isEqualTo(50);
            assertThat(s.path("packages").asInt()).isEqualTo(1);
        }
        assertThat(ledger.account(acme)).isEqualTo(a);
    }

    @Test
    void openingTwiceIsAConflictAndChangesNothing() {
        ledger.open(acme, OPENED);
        long before = ledger.eventCount(acme);
        problem(http.post("/api/v1/accounts", "{\"accountId\":\"" + acme + "\"}"), 409, "ACCOUNT_EXISTS");
        assertThat(ledger.eventCount(acme)).isEqualTo(before);
    }

    @Test
    void unknownAccountsAreNotFoundEverywhere() {
        String ghost = "ghost-" + UUID.randomUUID();
        problem(http.get("/api/v1/accounts/" + ghost), 404, "ACCOUNT_NOT_FOUND");
        problem(http.get("/api/v1/accounts/" + ghost + "/packages"), 404, "ACCOUNT_NOT_FOUND");
        problem(http.get("/api/v1/accounts/" + ghost + "/quota"), 404, "ACCOUNT_NOT_FOUND");
        problem(http.get("/api/v1/accounts/" + ghost + "/statements/2026-03"), 404, "ACCOUNT_NOT_FOUND");
        problem(http.get("/api/v1/accounts/" + ghost + "/events"), 404, "ACCOUNT_NOT_FOUND");
        problem(ledger.call(ghost, "r1", "PHOTO_VERIFICATION", OPENED), 404, "ACCOUNT_NOT_FOUND");
        problem(ledger.buy(ghost, "po", "PHOTO_VERIFICATION", 100, OPENED), 404, "ACCOUNT_NOT_FOUND");
        problem(http.put("/api/v1/accounts/" + ghost + "/postpaid", "{\"enabled\":false}"), 404, "ACCOUNT_NOT_FOUND");
    }

    @Test
    void badAccountRequestsAreValidationProblems() {
        problem(http.post("/api/v1/accounts", "{\"accountId\":\"\"}"), 400, "VALIDATION_FAILED");
        problem(http.post("/api/v1/accounts", "{\"accountId\":\"has space\"}"), 400, "VALIDATION_FAILED");
        problem(http.post("/api/v1/accounts", "{\"accountId\":\"" + "x".repeat(65) + "\"}"), 400, "VALIDATION_FAILED");
        problem(http.post("/api/v1/accounts", "{\"accountId\":"), 400, "MALFORMED_REQUEST");
        problem(http.post("/api/v1/accounts", "{\"accountId\":\"a\",\"openedAt\":\"yesterday\"}"), 400,
                "MALFORMED_REQUEST");
    }

    @Test
    void switchingPostpaidOffRefusesWhatNoPackageCanPay() {
        ledger.open(acme, OPENED);
        Http.Response r = http.put("/api/v1/accounts/" + acme + "/postpaid", "{\"enabled\":false}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("postpaidEnabled").asBoolean()).isFalse();
        assertThat(ledger.account(acme).path("postpaidEnabled").asBoolean()).isFalse();
        JsonNode refused = ledger.call(acme, "r1", "BANK_CARD_VERIFICATION", "2026-03-12T10:00:00+08:00").json();
        assertThat(refused.path("chargedTo").asText()).isEqualTo("REFUSED");
        assertThat(refused.path("billable").asBoolean()).isTrue();
        problem(http.put("/api/v1/accounts/" + acme + "/postpaid", "{}"), 400, "VALIDATION_FAILED");
        problem(http.put("/api/v1/accounts/" + acme + "/postpaid", "{\"enabled\":\"maybe\"}"), 400,
                "MALFORMED_REQUEST");
    }

    // ---------------------------------------------------------------- packages

    @Test
    void buyingAPackage() {
        ledger.open(acme, OPENED);
        Http.Response r = ledger.buy(acme, "po-17", "LIVENESS_VERIFICATION", 10000, "2026-03-11T09:30:00+08:00");
        assertThat(r.status()).isEqualTo(201);
        JsonNode p = r.json();
        assertThat(p.path("packageId").asText()).isEqualTo("PKG-000001");
        assertThat(p.path("kind").asText()).isEqualTo("PURCHASED");
        assertThat(p.path("service").asText()).isEqualTo("LIVENESS_VERIFICATION");
        assertThat(p.path("size").asInt()).isEqualTo(10000);
        assertThat(p.path("price").asText()).isEqualTo("8500.00");
        assertThat(p.path("purchasedAt").asText()).isEqualTo("2026-03-11T09:30:00+08:00");
        assertThat(p.path("expiresAt").asText()).isEqualTo("2027-03-11T09:30:00+08:00");
        assertThat(p.path("remaining").asInt()).isEqualTo(10000);

        Http.Response again = ledger.buy(acme, "po-17", "LIVENESS_VERIFICATION", 10000, "2026-03-11T09:30:00+08:00");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("packageId").asText()).isEqualTo("PKG-000001");
        awaitAsserted(() -> assertThat(ledger.packages(acme)).hasSize(4));
    }

    @Test
    void refusedPurchasesChangeNothing() {
        ledger.open(acme, OPENED);
        long before = ledger.eventCount(acme);
        problem(ledger.buy(acme, "p1", "LIVENESS_COMPARISON", 100, OPENED), 422, "PACKAGE_SIZE_NOT_SOLD");
        problem(ledger.buy(acme, "p2", "ID_VERIFICATION", 5000, OPENED), 422, "PACKAGE_SIZE_NOT_SOLD");
        problem(ledger.buy(acme, "p3", "BANK_CARD_VERIFICATION", 1000, OPENED), 422, "PACKAGE_SIZE_NOT_SOLD");
        problem(ledger.buy(acme, "p4", "FACE_MAGIC", 1000, OPENED), 400, "UNKNOWN_SERVICE");
        problem(ledger.buy(acme, "p5", "liveness_verification", 1000, OPENED), 400, "UNKNOWN_SERVICE");
        problem(ledger.buy(acme, "p6", "PHOTO_VERIFICATION", -100, OPENED), 400, "VALIDATION_FAILED");
        problem(ledger.buy(acme, "p7", "PHOTO_VERIFICATION", 100, "2026-03-01T00:00:00+08:00"), 422,
                "BEFORE_ACCOUNT_OPENED");
        problem(http.post("/api/v1/accounts/" + acme + "/packages",
                "{\"purchaseId\":\"p8\",\"service\":\"PHOTO_VERIFICATION\",\"size\":\"100\"x}"), 400, "MALFORMED_REQUEST");
        assertThat(ledger.eventCount(acme)).isEqualTo(before);
    }

    @Test
    void refundsAreAlwaysRefused() {
        ledger.open(acme, OPENED);
        ledger.buy(acme, "po-1", "PHOTO_VERIFICATION", 100, "2026-03-11T09:30:00+08:00");
        long before = ledger.eventCount(acme);
        problem(http.post("/api/v1/accounts/" + acme + "/packages/PKG-000001/refund"), 409, "REFUND_NOT_ALLOWED");
        problem(http.post("/api/v1/accounts/" + acme + "/packages/FREE-PHOTO_VERIFICATION/refund"), 409,
                "REFUND_NOT_ALLOWED");
        assertThat(ledger.eventCount(acme)).isEqualTo(before);
    }

    @Test
    void packageListShowsStatusUseAndFilters() {
        ledger.open(acme, OPENED);
        ledger.buy(acme, "po-1", "PHOTO_VERIFICATION", 100, "2026-03-11T09:30:00+08:00");
        for (int i = 0; i < 51; i++) {
            ledger.call(acme, "r" + i, "PHOTO_VERIFICATION", "2026-03-12T10:00:00+08:00");
        }
        awaitAsserted(() -> {
            JsonNode photo = http.get("/api/v1/accounts/" + acme + "/packages?service=PHOTO_VERIFICATION").json();
            assertThat(photo).hasSize(2);
            JsonNode grant = photo.get(0);
            assertThat(grant.path("kind").asText()).isEqualTo("FREE");
            assertThat(grant.path("status").asText()).isEqualTo("DEPLETED");
            assertThat(grant.path("used").asInt()).isEqualTo(50);
            assertThat(grant.path("remaining").asInt()).isZero();
            assertThat(grant.path("forfeited").asInt()).isZero();
            assertThat(grant.path("effectiveFrom").asText()).isEqualTo("2026-03-11T00:00:00+08:00");
            assertThat(grant.path("expiresAt").asText()).isEqualTo("2027-03-11T00:00:00+08:00");
            JsonNode bought = photo.get(1);
            assertThat(bought.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(bought.path("used").asInt()).isEqualTo(1);
            assertThat(bought.path("remaining").asInt()).isEqualTo(99);
        });
        assertThat(http.get("/api/v1/accounts/" + acme + "/packages?status=DEPLETED").json()).hasSize(1);
        problem(http.get("/api/v1/accounts/" + acme + "/packages?status=SLEEPING"), 400, "VALIDATION_FAILED");
        problem(http.get("/api/v1/accounts/" + acme + "/packages?service=NOPE"), 400, "UNKNOWN_SERVICE");
    }

    // ---------------------------------------------------------------- metering

    @Test
    void everyOutcomeOfAMeteredCall() {
        ledger.open(acme, OPENED);
        ledger.buy(acme, "po-1", "WECHAT_LIVENESS_VERIFICATION", 100, "2026-03-11T09:30:00+08:00");
        String at = "2026-03-12T10:00:00+08:00";
        Http.Response free = ledger.call(acme, "r-free", "PHOTO_VERIFICATION", at);
        assertThat(free.status()).isEqualTo(201);
        assertThat(free.json().path("chargedTo").asText()).isEqualTo("FREE");
        assertThat(free.json().path("packageId").asText()).isEqualTo("FREE-PHOTO_VERIFICATION");
        assertThat(free.json().path("duplicate").asBoolean()).isFalse();
        JsonNode bought = ledger.call(acme, "r-bought", "WECHAT_LIVENESS_VERIFICATION", at).json();
        assertThat(bought.path("chargedTo").asText()).isEqualTo("PURCHASED");
        assertThat(bought.path("packageId").asText()).isEqualTo("PKG-000001");
        JsonNode post = ledger.call(acme, "r-post", "BANK_CARD_VERIFICATION", at).json();
        assertThat(post.path("chargedTo").asText()).isEqualTo("POSTPAID");
        assertThat(post.path("packageId").isNull()).isTrue();
        JsonNode none = ledger.call(acme, "r-none", "PHOTO_VERIFICATION", at, "FailedOperation.ImageBlur").json();
        assertThat(none.path("chargedTo").asText()).isEqualTo("NONE");
        assertThat(none.path("billable").asBoolean()).isFalse();
        Http.Response dup = ledger.call(acme, "r-free", "PHOTO_VERIFICATION", at);
        assertThat(dup.status()).isEqualTo(200);
        assertThat(dup.json().path("duplicate").asBoolean()).isTrue();
        assertThat(dup.json().path("chargedTo").asText()).isEqualTo("FREE");
        awaitAsserted(() -> assertThat(ledger.statement(acme, "2026-03").path("lines").findValues("calls")
                .stream().mapToInt(JsonNode::asInt).sum()).isEqualTo(4));
    }

    @Test
    void badCallsAreProblemsAndWriteNothing() {
        ledger.open(acme, OPENED);
        long before = ledger.eventCount(acme);
        problem(ledger.call(acme, "r1", "NOT_A_SERVICE", OPENED), 400, "UNKNOWN_SERVICE");
        problem(ledger.call(acme, "", "PHOTO_VERIFICATION", OPENED), 400, "VALIDATION_FAILED");
        problem(ledger.call(acme, "r2", "PHOTO_VERIFICATION", "2026-03-10T14:59:59+08:00"), 422,
                "BEFORE_ACCOUNT_OPENED");
        problem(http.post("/api/v1/accounts/" + acme + "/calls", "[1,2]"), 400, "MALFORMED_REQUEST");
        assertThat(ledger.eventCount(acme)).isEqualTo(before);
    }

    @Test
    void aBatchOfAHundredWithOneBadCall() {
        ledger.open(acme, OPENED);
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String service = i == 42 ? "NOT_A_SERVICE" : "BANK_CARD_VERIFICATION";
            calls.add("{\"accountId\":\"" + acme + "\",\"requestId\":\"b" + i + "\",\"service\":\"" + service
                    + "\",\"occurredAt\":\"2026-03-12T10:00:00+08:00\"}");
        }
        Http.Response r = http.post("/api/v1/calls:batch", "{\"calls\":[" + String.join(",", calls) + "]}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode results = r.json().path("results");
        assertThat(results).hasSize(100);
        for (int i = 0; i < 100; i++) {
            JsonNode one = results.get(i);
            assertThat(one.path("requestId").asText()).isEqualTo("b" + i);
            if (i == 42) {
                assertThat(one.path("status").asInt()).isEqualTo(400);
                assertThat(one.path("code").asText()).isEqualTo("UNKNOWN_SERVICE");
            } else {
                assertThat(one.path("status").asInt()).isEqualTo(201);
                assertThat(one.path("chargedTo").asText()).isEqualTo("POSTPAID");
            }
        }
        awaitAsserted(() -> {
            JsonNode line = ledger.statement(acme, "2026-03").path("lines").path(0);
            assertThat(line.path("postpaidCount").asInt()).isEqualTo(99);
            assertThat(line.path("amount").asText()).isEqualTo("39.60");
        });
        problem(http.get("/api/v1/accounts/" + acme + "/calls/b42"), 404, "CALL_NOT_FOUND");
    }

    @Test
    void anOversizeBatchIsRefusedWhole() {
        ledger.open(acme, OPENED);
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            calls.add("{\"accountId\":\"" + acme + "\",\"requestId\":\"o" + i
                    + "\",\"service\":\"PHOTO_VERIFICATION\"}");
        }
        long before = ledger.eventCount(acme);
        problem(http.post("/api/v1/calls:batch", "{\"calls\":[" + String.join(",", calls) + "]}"), 413,
                "BATCH_TOO_LARGE");
        problem(http.post("/api/v1/calls:batch", "{}"), 400, "VALIDATION_FAILED");
        assertThat(ledger.eventCount(acme)).isEqualTo(before);
    }

    // ---------------------------------------------------------------- balances, statements, audit

    @Test
    void quotaNowAndAsOfAnEarlierInstant() {
        ledger.open(acme, OPENED);
        // the simulated clock stands still: move it a second on, so the purchase is recorded after the opening
        String now = http.get("/api/v1/admin/clock").json().path("now").asText();
        http.post("/api/v1/admin/clock", "{\"now\":\"" + java.time.OffsetDateTime.parse(now).plusSeconds(1) + "\"}");
        ledger.buy(acme, "po-1", "PHOTO_VERIFICATION", 100, "2026-03-11T09:30:00+08:00");
        ledger.call(acme, "r1", "PHOTO_VERIFICATION", "2026-03-12T10:00:00+08:00");
        awaitAsserted(() -> {
            JsonNode q = http.get("/api/v1/accounts/" + acme + "/quota").json();
            JsonNode photo = q.path("services").findParents("service").stream()
                    .filter(s -> s.path("service").asText().equals("PHOTO_VERIFICATION")).findFirst().orElseThrow();
            assertThat(photo.path("remaining").asInt()).isEqualTo(149);
            assertThat(photo.path("packages")).hasSize(2);
        });
        // one millisecond before the purchase was recorded: the grants only
        String purchased = http.get("/api/v1/accounts/" + acme + "/events?type=PackagePurchased").json()
                .path("events").get(0).path("recordedAt").asText();
        String justBefore = java.time.OffsetDateTime.parse(purchased).minusNanos(1_000_000).toString();
        JsonNode then = http.get("/api/v1/accounts/" + acme + "/quota?asOf="
                + java.net.URLEncoder.encode(justBefore, java.nio.charset.StandardCharsets.UTF_8)).json();
        assertThat(then.path("services")).hasSize(3);
        int total = 0;
        for (JsonNode s : then.path("services")) {
            total += s.path("remaining").asInt();
            assertThat(s.path("packages")).hasSize(1);
        }
        assertThat(total).isEqualTo(150);
    }

    @Test
    void statementJsonAndCsvAndClosing() {
        ledger.open(acme, OPENED);
        ledger.buy(acme, "po-1", "LIVENESS_VERIFICATION", 1000, "2026-03-11T09:30:00+08:00");
        for (int i = 0; i < 3; i++) {
            ledger.call(acme, "r" + i, "BANK_CARD_VERIFICATION", "2026-03-20T10:00:00+08:00");
        }
        awaitAsserted(() -> {
            JsonNode s = ledger.statement(acme, "2026-03");
            assertThat(s.path("status").asText()).isEqualTo("OPEN");
            assertThat(s.path("purchases")).hasSize(1);
            assertThat(s.path("prepaidSpend").asText()).isEqualTo("930.00");
            assertThat(s.path("postpaidAmount").asText()).isEqualTo("1.20");
            assertThat(s.path("totalSpend").asText()).isEqualTo("931.20");
        });
        Http.Response csv = http.get("/api/v1/accounts/" + acme + "/statements/2026-03", "text/csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text())
                .contains("line,\"" + acme + "\",2026-03,OPEN,\"BANK_CARD_VERIFICATION\",3,3,0,0,3,0,1,0.40,1.20")
                .contains("totalSpend,\"" + acme + "\",2026-03,OPEN,,,,,,,,,,931.20");
        assertThat(http.get("/api/v1/accounts/" + acme + "/statements/2026-03.csv").text()).isEqualTo(csv.text());

        Http.Response closed = http.post("/api/v1/accounts/" + acme + "/statements/2026-03/close");
        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        assertThat(closed.json().path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.json().path("totalSpend").asText()).isEqualTo("931.20");
        long before = ledger.eventCount(acme);
        problem(ledger.call(acme, "late", "BANK_CARD_VERIFICATION", "2026-03-31T23:00:00+08:00"), 409, "PERIOD_CLOSED");
        assertThat(ledger.eventCount(acme)).isEqualTo(before);
        problem(http.get("/api/v1/accounts/" + acme + "/statements/2026-13"), 400, "VALIDATION_FAILED");
        problem(http.post("/api/v1/accounts/" + acme + "/statements/2199-12/close"), 409, "PERIOD_NOT_OVER");
        problem(http.post("/api/v1/accounts/" + acme + "/statements/2999-01/close"), 400, "VALIDATION_FAILED");
    }

    @Test
    void negotiatedPriceIsRecorded() {
        ledger.open(acme, OPENED);
        Http.Response r = http.post("/api/v1/accounts/" + acme + "/negotiated-prices",
                "{\"service\":\"LIVENESS_VERIFICATION\",\"unitPrice\":\"0.60\",\"effectiveFrom\":\"2026-04\","
                        + "\"agreedBy\":\"sales:wang\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(http.get("/api/v1/accounts/" + acme + "/events?type=NegotiatedPriceAgreed").json()
                .path("events").get(0).path("payload").path("unitPrice").decimalValue())
                .isEqualByComparingTo("0.60");
        problem(http.post("/api/v1/accounts/" + acme + "/negotiated-prices",
                "{\"service\":\"LIVENESS_VERIFICATION\",\"unitPrice\":\"-1\",\"effectiveFrom\":\"2026-04\","
                        + "\"agreedBy\":\"x\"}"), 400, "VALIDATION_FAILED");
    }

    @Test
    void chargeExplanationOfAPurchasedCall() {
        ledger.open(acme, OPENED);
        ledger.buy(acme, "po-1", "WECHAT_LIVENESS_VERIFICATION", 100, "2026-03-11T09:30:00+08:00");
        ledger.call(acme, "r1", "WECHAT_LIVENESS_VERIFICATION", "2026-03-12T10:00:00+08:00");
        JsonNode e = http.get("/api/v1/accounts/" + acme + "/calls/r1").json();
        assertThat(e.path("chargedTo").asText()).isEqualTo("PURCHASED");
        assertThat(e.path("call").path("service").asText()).isEqualTo("WECHAT_LIVENESS_VERIFICATION");
        assertThat(e.path("call").path("occurredAt").asText()).isEqualTo("2026-03-12T10:00:00+08:00");
        assertThat(e.path("paidBy").path("packageId").asText()).isEqualTo("PKG-000001");
        assertThat(e.path("paidBy").path("remainingBefore").asInt()).isEqualTo(100);
        assertThat(e.path("paidBy").path("remainingAfter").asInt()).isEqualTo(99);
        assertThat(e.path("events").get(0).path("type").asText()).isEqualTo("CallMetered");
        assertThat(e.path("events").get(0).path("sequenceNumber").asLong()).isEqualTo(5);
        problem(http.get("/api/v1/accounts/" + acme + "/calls/nope"), 404, "CALL_NOT_FOUND");
    }

    @Test
    void aRequestIdIsLookedUpInEveryAccountThatHasIt() {
        String other = acme + "-b";
        ledger.open(acme, OPENED);
        ledger.open(other, OPENED);
        String shared = "shared-" + acme;
        ledger.call(acme, shared, "PHOTO_VERIFICATION", "2026-03-12T10:00:00+08:00");
        ledger.call(other, shared, "PHOTO_VERIFICATION", "2026-03-12T10:00:00+08:00", "NoFace");
        JsonNode found = http.get("/api/v1/calls/" + shared).json();
        assertThat(found.path("items")).hasSize(2);
        assertThat(found.path("items").get(0).path("accountId").asText()).isEqualTo(acme);
        assertThat(found.path("items").get(0).path("chargedTo").asText()).isEqualTo("FREE");
        assertThat(found.path("items").get(1).path("accountId").asText()).isEqualTo(other);
        assertThat(found.path("items").get(1).path("chargedTo").asText()).isEqualTo("NONE");
        assertThat(http.get("/api/v1/calls/no-such-" + acme).json().path("items")).isEmpty();
    }

    @Test
    void accountsAreListedByIdPrefixAndPaged() {
        String prefix = acme + "_";
        for (String suffix : List.of("c", "a", "b")) {
            ledger.open(prefix + suffix, OPENED);
        }
        ledger.open(acme + "xa", OPENED); // "_" is taken literally, not as SQL's any-character: no match
        JsonNode first = http.get("/api/v1/accounts?prefix=" + java.net.URLEncoder.encode(prefix,
                java.nio.charset.StandardCharsets.UTF_8) + "&size=2").json();
        assertThat(first.path("total").asLong()).isEqualTo(3);
        assertThat(first.path("items")).extracting(i -> i.path("accountId").asText())
                .containsExactly(prefix + "a", prefix + "b");
        assertThat(first.path("items").get(0).path("services")).isNotEmpty();
        JsonNode second = http.get("/api/v1/accounts?prefix=" + java.net.URLEncoder.encode(prefix,
                java.nio.charset.StandardCharsets.UTF_8) + "&size=2&page=1").json();
        assertThat(second.path("items")).extracting(i -> i.path("accountId").asText()).containsExactly(prefix + "c");
        problem(http.get("/api/v1/accounts?size=101"), 400, "VALIDATION_FAILED");
    }

    @Test
    void eventHistoryIsOrderedFilteredAndPaged() {
        ledger.open(acme, OPENED);
        ledger.call(acme, "r1", "PHOTO_VERIFICATION", "2026-03-12T10:00:00+08:00");
        ledger.call(acme, "r2", "PHOTO_VERIFICATION", "2026-03-12T10:00:00+08:00");
        JsonNode all = http.get("/api/v1/accounts/" + acme + "/events").json().path("events");
        assertThat(all.findValuesAsText("type")).containsExactly("AccountOpened", "FreeGrantIssued",
                "FreeGrantIssued", "FreeGrantIssued", "CallMetered", "CallMetered");
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).path("sequenceNumber").asInt()).isEqualTo(i);
        }
        JsonNode page1 = http.get("/api/v1/accounts/" + acme + "/events?size=4&page=1").json().path("events");
        assertThat(page1.findValuesAsText("type")).containsExactly("CallMetered", "CallMetered");
        assertThat(page1.get(1).path("payload").path("requestId").asText()).isEqualTo("r2");
        JsonNode calls = http.get("/api/v1/accounts/" + acme + "/events?type=CallMetered").json().path("events");
        assertThat(calls).hasSize(2);
        // the next page after the events one holds: after a sequence number, with or without a type
        JsonNode after = http.get("/api/v1/accounts/" + acme + "/events?after=3&size=1").json().path("events");
        assertThat(after).hasSize(1);
        assertThat(after.get(0).path("sequenceNumber").asInt()).isEqualTo(4);
        JsonNode lastCall = http.get("/api/v1/accounts/" + acme + "/events?type=CallMetered&after=4").json()
                .path("events");
        assertThat(lastCall.findValuesAsText("requestId")).containsExactly("r2");
        problem(http.get("/api/v1/accounts/" + acme + "/events?after=-1"), 400, "VALIDATION_FAILED");
        problem(http.get("/api/v1/accounts/" + acme + "/events?size=0"), 400, "VALIDATION_FAILED");
    }

    @Test
    void openApiDocumentIsServed() {
        JsonNode doc = http.get("/v3/api-docs").json();
        assertThat(doc.path("paths").has("/api/v1/accounts/{accountId}/calls")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/calls:batch")).isTrue();
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
