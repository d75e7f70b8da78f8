package com.faceid.ledger.app.web;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per class of hostile input: each gets a 4xx problem+json with a stable code and leaves the
 * event store exactly as it was (counted across all accounts, straight from the table).
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HostileInputTest {
    static final String A = "hostile";
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    Http http;
    static boolean opened;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        if (!opened) {
            new Ledger(http).open(A, "2026-03-10T15:00:00+08:00");
            opened = true;
        }
    }

    long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    void refused(String method, String path, String body, int status, String code) {
        long before = events();
        Http.Response r = http.send(method, path, body);
        assertThat(r.status()).as(method + " " + path + " " + body + " -> " + r.text()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).as(r.text()).isEqualTo(code);
        assertThat(events()).as("nothing written for " + body).isEqualTo(before);
    }

    static String call(String requestId, String service, String occurredAt) {
        return "{\"requestId\":" + requestId + ",\"service\":" + service + ",\"occurredAt\":" + occurredAt + "}";
    }

    static String buy(String size) {
        return "{\"purchaseId\":\"po-x\",\"service\":\"PHOTO_VERIFICATION\",\"size\":" + size
                + ",\"purchasedAt\":\"2026-03-11T09:00:00+08:00\"}";
    }

    @Test
    void malformedOrNonObjectJson() {
        String calls = "/api/v1/accounts/" + A + "/calls";
        for (String body : List.of("", "{", "[]", "42", "\"text\"", "null", "{\"requestId\":\"r\",}", "{'a':1}",
                "{\"requestId\":\"r\",\"service\":\"PHOTO_VERIFICATION\"", "\u0000")) {
            refused("POST", calls, body, 400, "MALFORMED_REQUEST");
        }
        refused("POST", "/api/v1/calls:batch", "{\"calls\":{}}", 400, "MALFORMED_REQUEST");
        refused("POST", "/api/v1/accounts", "[{\"accountId\":\"x\"}]", 400, "MALFORMED_REQUEST");
    }

    /**
     * A key given twice is refused, never last-wins (a batch item's account could be switched that way), and so is
     * anything after the document; the problem never names the ledger's classes. Every endpoint that takes a body.
     */
    @Test
    void duplicatedKeysAndContentAfterTheDocument() {
        String a = "/api/v1/accounts/" + A;
        List<String[]> bodies = List.of(
                new String[]{"POST", "/api/v1/accounts", "{\"accountId\":\"dup-x\",\"openedAt\":\"2026-03-10T15:00:00+08:00\"}"},
                new String[]{"POST", a + "/calls", "{\"requestId\":\"r-dup\",\"service\":\"PHOTO_VERIFICATION\"}"},
                new String[]{"POST", a + "/packages", buy("100")},
                new String[]{"PUT", a + "/postpaid", "{\"enabled\":true}"},
                new String[]{"POST", a + "/holds", "{\"holdId\":\"h-dup\",\"service\":\"PHOTO_VERIFICATION\"}"},
                new String[]{"POST", a + "/adjustments", "{\"adjustmentId\":\"adj-dup\",\"month\":\"2026-03\","
                        + "\"amount\":\"-0.40\",\"reason\":\"test\"}"},
                new String[]{"POST", "/api/v1/calls:batch", "{\"calls\":[{\"accountId\":\"" + A + "\","
                        + "\"requestId\":\"b-dup\",\"service\":\"PHOTO_VERIFICATION\"}]}"},
                new String[]{"POST", a + "/what-if", "{\"from\":\"2026-03\",\"to\":\"2026-03\"}"});
        for (String[] b : bodies) {
            String body = b[2];
            int firstValueEnd = body.indexOf(',') < 0 ? body.length() - 1 : body.indexOf(',');
            String firstPair = body.substring(1, firstValueEnd);
            // the first key again, with its own value, as the last key of the object
            String twice = body.substring(0, body.length() - 1) + "," + firstPair + "}";
            refused(b[0], b[1], twice, 400, "MALFORMED_REQUEST");
            refused(b[0], b[1], body + " {}", 400, "MALFORMED_REQUEST");
            refused(b[0], b[1], body + "]", 400, "MALFORMED_REQUEST");
        }
        // inside a batch item: the item's account switched by a second key
        Http.Response r = http.post("/api/v1/calls:batch", "{\"calls\":[{\"accountId\":\"someone-else\","
                + "\"requestId\":\"b-dup\",\"service\":\"PHOTO_VERIFICATION\",\"accountId\":\"" + A + "\"}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("MALFORMED_REQUEST");
        assertThat(r.text()).doesNotContain("com.faceid").doesNotContain("java.").contains("accountId");
    }

    /** What anyone may send to any path: every refusal is a problem document, and TRACE echoes nothing back. */
    @Test
    void traceCorsPreflightsTheErrorPathAndUnreadBodiesAreProblems() throws Exception {
        for (String key : java.util.Arrays.asList(null, Http.OPERATOR)) {
            for (String path : List.of("/api/v1/admin/clock", "/console/sign-in", "/actuator/health", "/nowhere")) {
                Http.Response r = http.as(key).send("TRACE", path, null);
                assertThat(r.status()).as("TRACE " + path).isEqualTo(405);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.text()).doesNotContainIgnoringCase("host:").doesNotContain("TRACE /");
            }
        }
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        var preflight = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + port + "/api/v1/accounts")).header("Authorization", "Bearer " + Http.OPERATOR)
                .header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        refused("GET", "/error", null, 404, "NOT_FOUND"); // was a 500 with a key
        // a chunked body past the limit to an endpoint that reads no body: refused, not ignored
        long before = events();
        byte[] big = new byte[1_100_000];
        java.util.Arrays.fill(big, (byte) ' ');
        var close = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/api/v1/accounts/" + A + "/statements/2026-02/close"))
                .header("Authorization", "Bearer " + Http.OPERATOR).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(close.statusCode()).as(close.body()).isEqualTo(413);
        assertThat(close.body()).contains("BODY_TOO_LARGE");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void wrongTypes() {
        String packages = "/api/v1/accounts/" + A + "/packages";
        refused("POST", packages, buy("\"100\""), 400, "MALFORMED_REQUEST");
        refused("POST", packages, buy("100.5"), 400, "MALFORMED_REQUEST");
        refused("POST", packages, buy("true"), 400, "MALFORMED_REQUEST");
        refused("POST", packages, buy("[100]"), 400, "MALFORMED_REQUEST");
        refused("POST", packages, buy("1e3"), 400, "MALFORMED_REQUEST");
        refused("PUT", "/api/v1/accounts/" + A + "/postpaid", "{\"enabled\":\"yes\"}", 400, "MALFORMED_REQUEST");
        refused("POST", "/api/v1/accounts/" + A + "/calls", call("123", "\"PHOTO_VERIFICATION\"", "null"), 400,
                "MALFORMED_REQUEST");
    }

    @Test
    void unknownOrMisCasedServices() {
        String calls = "/api/v1/accounts/" + A + "/calls";
        for (String s : List.of("\"liveness_verification\"", "\"Photo_Verification\"", "\"PHOTO_VERIFICATION \"",
                "\"FACE_MAGIC\"", "\"\"")) {
            refused("POST", calls, call("\"r-1\"", s, "\"2026-03-12T10:00:00+08:00\""), 400,
                    s.equals("\"\"") ? "VALIDATION_FAILED" : "UNKNOWN_SERVICE");
        }
    }

    @Test
    void zeroNegativeAndAbsurdSizes() {
        String packages = "/api/v1/accounts/" + A + "/packages";
        refused("POST", packages, buy("0"), 400, "VALIDATION_FAILED");
        refused("POST", packages, buy("-100"), 400, "VALIDATION_FAILED");
        refused("POST", packages, buy("99999999999"), 400, "MALFORMED_REQUEST");
        refused("POST", packages, buy("2000000"), 400, "VALIDATION_FAILED");
        refused("POST", packages, buy("7"), 422, "PACKAGE_SIZE_NOT_SOLD");
    }

    @Test
    void emptyOverlongAndControlCharacterIds() {
        String calls = "/api/v1/accounts/" + A + "/calls";
        String at = "\"2026-03-12T10:00:00+08:00\"";
        for (String id : List.of("\"\"", "\" \"", "\"" + "r".repeat(129) + "\"", "\"r\\u0000x\"", "\"r\\nx\"",
                "\"r\\tx\"", "\"r x\"", "\"../../etc\"", "\"<script>\"", "\"\\u202Eevil\"")) {
            refused("POST", calls, call(id, "\"PHOTO_VERIFICATION\"", at), 400, "VALIDATION_FAILED");
        }
        for (String account : List.of("\"\"", "\"" + "a".repeat(65) + "\"", "\"a\\u0001\"", "\"a b\"")) {
            refused("POST", "/api/v1/accounts", "{\"accountId\":" + account + "}", 400, "VALIDATION_FAILED");
        }
    }

    @Test
    void unparseableAndFarFutureTimestamps() {
        String calls = "/api/v1/accounts/" + A + "/calls";
        for (String t : List.of("\"yesterday\"", "\"2026-13-01T00:00:00+08:00\"", "\"2026-03-12 10:00\"",
                "\"2026-03-12T10:00:00\"", "1710208800", "\"\"")) {
            refused("POST", calls, call("\"r-t\"", "\"PHOTO_VERIFICATION\"", t), 400, "MALFORMED_REQUEST");
        }
        String inTenMinutes = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(10).toString();
        refused("POST", calls, call("\"r-f\"", "\"PHOTO_VERIFICATION\"", "\"" + inTenMinutes + "\""), 422,
                "TIMESTAMP_IN_FUTURE");
        refused("POST", "/api/v1/accounts/" + A + "/packages", "{\"purchaseId\":\"po-f\",\"service\":"
                + "\"PHOTO_VERIFICATION\",\"size\":100,\"purchasedAt\":\"2099-01-01T00:00:00+08:00\"}", 422,
                "TIMESTAMP_IN_FUTURE");
        refused("POST", "/api/v1/accounts", "{\"accountId\":\"future-acct\",\"openedAt\":\"2099-01-01T00:00:00Z\"}",
                422, "TIMESTAMP_IN_FUTURE");
        // an as-of answer reads what was recorded: nothing is recorded after the clock
        refused("GET", "/api/v1/accounts/" + A + "/quota?asOf=2199-01-01T00:00:00%2B08:00", null, 422,
                "TIMESTAMP_IN_FUTURE");
        refused("GET", "/api/v1/accounts/" + A + "/statements/2026-03?asOf=2199-01-01T00:00:00%2B08:00", null, 422,
                "TIMESTAMP_IN_FUTURE");
        // an adjustment corrects a month that has begun
        refused("POST", "/api/v1/accounts/" + A + "/adjustments", "{\"adjustmentId\":\"adj-f\",\"month\":\"2199-12\","
                + "\"amount\":\"-1.00\",\"reason\":\"credit ahead\"}", 422, "TIMESTAMP_IN_FUTURE");
    }

    @Test
    void callsBeforeTheAccountWasOpened() {
        refused("POST", "/api/v1/accounts/" + A + "/calls", call("\"r-early\"", "\"PHOTO_VERIFICATION\"",
                "\"2026-03-10T14:59:59+08:00\""), 422, "BEFORE_ACCOUNT_OPENED");
        refused("POST", "/api/v1/accounts/" + A + "/packages", "{\"purchaseId\":\"po-e\",\"service\":"
                + "\"PHOTO_VERIFICATION\",\"size\":100,\"purchasedAt\":\"2020-01-01T00:00:00+08:00\"}", 422,
                "BEFORE_ACCOUNT_OPENED");
        refused("POST", "/api/v1/accounts/" + A + "/adjustments", "{\"adjustmentId\":\"adj-e\",\"month\":\"2026-02\","
                + "\"amount\":\"-1.00\",\"reason\":\"before\"}", 422, "BEFORE_ACCOUNT_OPENED");
        // a month the account had not lived in has no statement: before its opening, or not yet begun
        for (String path : List.of("/statements/2026-02", "/statements/2026-02.csv",
                "/statements/2026-02/dispute-report", "/statements/2026-02?asOf=2026-03-20T00:00:00%2B08:00")) {
            refused("GET", "/api/v1/accounts/" + A + path, null, 422, "BEFORE_ACCOUNT_OPENED");
        }
        refused("POST", "/api/v1/accounts/" + A + "/statements/2026-02/close", null, 422, "BEFORE_ACCOUNT_OPENED");
        for (String path : List.of("/statements/2199-12", "/statements/2199-12/dispute-report")) {
            refused("GET", "/api/v1/accounts/" + A + path, null, 422, "TIMESTAMP_IN_FUTURE");
        }
    }

    @Test
    void oversizeBatchesAndBodies() {
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            calls.add("{\"accountId\":\"" + A + "\",\"requestId\":\"big-" + i + "\",\"service\":\"PHOTO_VERIFICATION\"}");
        }
        refused("POST", "/api/v1/calls:batch", "{\"calls\":[" + String.join(",", calls) + "]}", 413,
                "BATCH_TOO_LARGE");
        String huge = "{\"accountId\":\"" + "x".repeat(2_000_000) + "\"}";
        refused("POST", "/api/v1/accounts", huge, 413, "BODY_TOO_LARGE");
        refused("POST", "/api/v1/accounts/" + A + "/adjustments", "{\"adjustmentId\":\"a\",\"month\":\"2026-03\","
                + "\"amount\":\"1.00\",\"reason\":\"" + "r".repeat(1001) + "\"}", 400, "VALIDATION_FAILED");
    }

    /** A batch whose items are all null or invalid answers each item with its problem and writes nothing. */
    @Test
    void nullAndInvalidBatchItemsFailOneByOne() {
        String[][] batches = {
                {"/api/v1/calls:batch", "{\"calls\":[null,{\"accountId\":\"" + A + "\",\"requestId\":\"a b\","
                        + "\"service\":\"PHOTO_VERIFICATION\"},{\"accountId\":\"" + A + "\",\"requestId\":\"c-1\","
                        + "\"service\":\"NOPE\"}]}"},
                {"/api/v1/holds:batch", "{\"holds\":[null,{\"accountId\":\"" + A + "\",\"holdId\":\"a b\","
                        + "\"service\":\"PHOTO_VERIFICATION\"},{\"accountId\":\"" + A + "\",\"holdId\":\"h-1\","
                        + "\"service\":\"NOPE\"}]}"},
                {"/api/v1/holds:capture-batch", "{\"captures\":[null,{\"accountId\":\"" + A + "\",\"holdId\":\"h-1\","
                        + "\"requestId\":\"a b\"},{\"accountId\":\"" + A + "\",\"holdId\":\"h-1\",\"requestId\":\"r-1\","
                        + "\"resultCode\":\"not ok\"}]}"}};
        for (String[] batch : batches) {
            long before = events();
            Http.Response r = http.post(batch[0], batch[1]);
            assertThat(r.status()).as(batch[0] + " -> " + r.text()).isEqualTo(200);
            var results = r.json().path("results");
            assertThat(results).as(r.text()).hasSize(3);
            assertThat(results.get(0).path("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(results.get(0).path("detail").asText()).startsWith("null ");
            assertThat(results.get(1).path("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(results.get(2).path("code").asText()).as(r.text())
                    .isEqualTo(batch[0].contains("capture") ? "VALIDATION_FAILED" : "UNKNOWN_SERVICE");
            results.forEach(item -> assertThat(item.path("status").asInt()).isEqualTo(400));
            assertThat(events()).as("nothing written for " + batch[1]).isEqualTo(before);
        }
    }

    /** A null item in a list of the what-if scenario is a 400 naming it, not a failure of the ledger. */
    @Test
    void nullItemsInAScenario() {
        refused("POST", "/api/v1/accounts/" + A + "/what-if", "{\"scenario\":{\"negotiatedPrices\":[null]}}", 400,
                "VALIDATION_FAILED");
        refused("POST", "/api/v1/accounts/" + A + "/what-if", "{\"scenario\":{\"purchases\":[null]}}", 400,
                "VALIDATION_FAILED");
    }

    /** An events filter that could match nothing by mistake (no such type, an empty time range) is refused. */
    @Test
    void eventFiltersThatCannotMatch() {
        refused("GET", "/api/v1/accounts/" + A + "/events?type=CallMetred", null, 400, "VALIDATION_FAILED");
        assertThat(http.get("/api/v1/accounts/" + A + "/events?type=CallMetred").text()).contains("CallMetered");
        refused("GET", "/api/v1/accounts/" + A + "/events?from=2026-03-12T00:00:00%2B08:00&to=2026-03-01T00:00:00%2B08:00",
                null, 400, "VALIDATION_FAILED");
        Http.Response opened = http.get("/api/v1/accounts/" + A + "/events?type=AccountOpened");
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().path("events")).hasSize(1);
    }

    @Test
    void badPathsAndParameters() {
        refused("GET", "/api/v1/accounts/" + A + "/statements/03-2026", null, 400, "VALIDATION_FAILED");
        refused("GET", "/api/v1/accounts/" + A + "/events?page=-1", null, 400, "VALIDATION_FAILED");
        refused("GET", "/api/v1/accounts/" + A + "/events?size=abc", null, 400, "VALIDATION_FAILED");
        refused("GET", "/api/v1/accounts/" + A + "/quota?asOf=tomorrow", null, 400, "VALIDATION_FAILED");
        refused("DELETE", "/api/v1/accounts/" + A, null, 405, "METHOD_NOT_ALLOWED");
        refused("GET", "/api/v1/nothing-here", null, 404, "NOT_FOUND");
        // what no id can be: a prefix no account id starts with, a requestId no call can have
        refused("GET", "/api/v1/accounts?prefix=a%2Fb", null, 400, "VALIDATION_FAILED");
        refused("GET", "/api/v1/accounts?prefix=%00", null, 400, "VALIDATION_FAILED");
        refused("GET", "/api/v1/accounts?prefix=" + "a".repeat(65), null, 400, "VALIDATION_FAILED");
        refused("GET", "/api/v1/calls/" + "r".repeat(129), null, 400, "VALIDATION_FAILED");
        refused("GET", "/api/v1/calls/%20", null, 400, "VALIDATION_FAILED");
        refused("GET", "/api/v1/accounts/" + A + "/calls/%20", null, 400, "VALIDATION_FAILED");
        refused("POST", "/api/v1/accounts/" + A + "/adjustments", "{\"adjustmentId\":\"a\",\"month\":\"2026-03\","
                + "\"amount\":\"0.001\",\"reason\":\"x\"}", 400, "VALIDATION_FAILED");
    }
}
