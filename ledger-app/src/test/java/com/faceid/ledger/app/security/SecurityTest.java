package com.faceid.ledger.app.security;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Contract;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Authentication section of api.md: a 401/403 matrix over every endpoint and role, and recorded actors. */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecurityTest {
    static final Map<String, String> SECRETS = Map.of("OPERATOR", "test-operator-secret", "METER",
            "test-meter-secret", "AUDITOR", "test-auditor-secret", "CUSTOMER", "test-customer-secret");
    static final String OWN = "own-account";
    static final String OTHER = "other-account";
    static final Set<String> READERS_OF_OWN = Set.of("OPERATOR", "AUDITOR", "CUSTOMER");
    static final Set<String> READERS = Set.of("OPERATOR", "AUDITOR");
    static final Set<String> OPERATOR = Set.of("OPERATOR");
    static final Set<String> METERS = Set.of("OPERATOR", "METER");
    static final Set<String> ANY = Set.of("OPERATOR", "AUDITOR", "CUSTOMER", "METER");

    record Endpoint(String method, String path, String body, Set<String> allowed) {
    }

    @LocalServerPort
    int port;
    Http http;
    static boolean seeded;

    @BeforeEach
    void seed() {
        http = new Http(port);
        if (!seeded) {
            Ledger ledger = new Ledger(http);
            for (String a : List.of(OWN, OTHER)) {
                if (http.get("/api/v1/accounts/" + a).status() == 404) { // another class of this context may have
                    ledger.open(a, "2026-03-10T15:00:00+08:00");      // opened the customer key's account first
                }
                ledger.buy(a, "po-1", "PHOTO_VERIFICATION", 100, "2026-03-11T09:00:00+08:00");
                ledger.call(a, "r-1", "PHOTO_VERIFICATION", "2026-03-12T10:00:00+08:00");
            }
            seeded = true;
        }
    }

    static List<Endpoint> endpoints() {
        List<Endpoint> e = new ArrayList<>();
        for (String a : List.of(OWN, OTHER)) {
            Set<String> readers = a.equals(OWN) ? READERS_OF_OWN : READERS;
            String base = "/api/v1/accounts/" + a;
            e.add(new Endpoint("GET", base, null, readers));
            e.add(new Endpoint("GET", base + "/packages", null, readers));
            e.add(new Endpoint("GET", base + "/quota", null, readers));
            e.add(new Endpoint("GET", base + "/statements/2026-03", null, readers));
            e.add(new Endpoint("GET", base + "/statements/2026-03.csv", null, readers));
            e.add(new Endpoint("GET", base + "/calls/r-1", null, readers));
            e.add(new Endpoint("GET", base + "/events", null, readers));
            e.add(new Endpoint("GET", base + "/alerts", null, readers));
            e.add(new Endpoint("GET", base + "/statements/2026-03/dispute-report", null, readers));
            e.add(new Endpoint("GET", base + "/statements/2026-03/dispute-report.csv", null, readers));
            e.add(new Endpoint("GET", base + "/statements/2026-03?asOf=2026-03-20T00:00:00%2B08:00", null, readers));
            e.add(new Endpoint("GET", base + "/advice", null, readers));
            // a what-if is a read: it changes nothing, so whoever reads the account may ask it
            e.add(new Endpoint("POST", base + "/what-if", "{}", readers));
            e.add(new Endpoint("POST", base + "/what-if-runs", "{}", readers));
            e.add(new Endpoint("GET", base + "/what-if-runs/wir_none", null, readers));
            e.add(new Endpoint("PUT", base + "/postpaid", "{\"enabled\":true}", OPERATOR));
            e.add(new Endpoint("POST", base + "/packages", "{\"purchaseId\":\"po-1\",\"service\":"
                    + "\"PHOTO_VERIFICATION\",\"size\":100,\"purchasedAt\":\"2026-03-11T09:00:00+08:00\"}", OPERATOR));
            e.add(new Endpoint("POST", base + "/packages/PKG-000001/refund", null, OPERATOR));
            e.add(new Endpoint("POST", base + "/calls", "{\"requestId\":\"r-1\",\"service\":\"PHOTO_VERIFICATION\","
                    + "\"occurredAt\":\"2026-03-12T10:00:00+08:00\"}", METERS));
            e.add(new Endpoint("POST", base + "/negotiated-prices", "{\"service\":\"PHOTO_VERIFICATION\","
                    + "\"unitPrice\":\"0.5\",\"effectiveFrom\":\"2099-01\",\"agreedBy\":\"x\"}", OPERATOR));
            e.add(new Endpoint("POST", base + "/adjustments", "{\"adjustmentId\":\"adj-1\",\"month\":\"2026-03\","
                    + "\"amount\":\"1.00\",\"reason\":\"x\"}", OPERATOR));
            e.add(new Endpoint("POST", base + "/statements/2099-01/close", null, OPERATOR));
        }
        e.add(new Endpoint("POST", "/api/v1/accounts", "{\"accountId\":\"" + OWN + "\"}", OPERATOR));
        e.add(new Endpoint("POST", "/api/v1/calls:batch", "{\"calls\":[]}", METERS));
        // operators' and auditors' look-ups across accounts
        e.add(new Endpoint("GET", "/api/v1/accounts", null, READERS));
        e.add(new Endpoint("GET", "/api/v1/accounts?prefix=own", null, READERS));
        e.add(new Endpoint("GET", "/api/v1/calls/r-1", null, READERS));
        e.add(new Endpoint("GET", "/api/v1/admin/clock", null, READERS));
        e.add(new Endpoint("POST", "/api/v1/admin/clock", "{\"now\":\"2026-04-01T12:00:00+08:00\"}", OPERATOR));
        e.add(new Endpoint("GET", "/api/v1/admin/verify", null, READERS));
        e.add(new Endpoint("GET", "/api/v1/admin/replay", null, READERS));
        // webhooks: a customer manages its own account's (the service keeps it there), an auditor reads them all;
        // this context allows no private address, so an allowed role gets 422 for the loopback URL, not 403
        e.add(new Endpoint("GET", "/api/v1/webhooks", null, READERS_OF_OWN));
        e.add(new Endpoint("POST", "/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/x\",\"events\":"
                + "[\"package.expiring\"],\"accountId\":\"" + OWN + "\"}", Set.of("OPERATOR", "CUSTOMER")));
        e.add(new Endpoint("GET", "/api/v1/webhooks/wh_none", null, READERS_OF_OWN));
        e.add(new Endpoint("GET", "/api/v1/webhooks/wh_none/deliveries", null, READERS_OF_OWN));
        e.add(new Endpoint("DELETE", "/api/v1/webhooks/wh_none", null, Set.of("OPERATOR", "CUSTOMER")));
        e.add(new Endpoint("POST", "/api/v1/webhooks/wh_none/deliveries/dlv_none/retry", null,
                Set.of("OPERATOR", "CUSTOMER")));
        return e;
    }

    @Test
    void everyEndpointAndRole() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (String role : SECRETS.keySet()) {
                Http.Response r = http.as(SECRETS.get(role)).send(e.method(), e.path(), e.body());
                boolean allowed = e.allowed().contains(role);
                boolean denied = r.status() == 403 && "FORBIDDEN".equals(r.code());
                if (allowed == denied || r.status() == 401 || r.status() >= 500) {
                    wrong.add(role + " " + e.method() + " " + e.path() + " -> " + r.status() + " " + r.text());
                }
            }
            for (String secret : new String[]{null, "not-a-key", ""}) {
                Http.Response r = http.as(secret).send(e.method(), e.path(), e.body());
                if (r.status() != 401 || !"UNAUTHENTICATED".equals(r.code())) {
                    wrong.add("key '" + secret + "' " + e.method() + " " + e.path() + " -> " + r.status());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void healthAndTheApiDocumentAreTheOnlyOpenPaths() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        Http.Response docs = http.as(null).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("openapi").asText()).startsWith("3.");
        assertThat(http.as(null).get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(http.as(null).get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(http.as(null).get("/actuator/prometheus").status()).isEqualTo(401);
        Http.Response basic = http.as(null).send("GET", "/api/v1/accounts/" + OWN, null);
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void healthShowsItsDetailsToOperatorAndAuditorKeysOnly() {
        // the details name the store's kind and its files' paths: nothing for anyone on the network
        for (String role : java.util.Arrays.asList(null, "METER", "CUSTOMER")) {
            Http.Response r = http.as(role == null ? null : SECRETS.get(role)).get("/actuator/health");
            assertThat(r.status()).as(role).isEqualTo(200);
            assertThat(r.json().path("components").path("db").path("status").asText()).as(role).isEqualTo("UP");
            assertThat(r.text()).as(role).doesNotContain("details").doesNotContain("H2").doesNotContain("/");
        }
        for (String role : List.of("OPERATOR", "AUDITOR")) {
            Http.Response r = http.as(SECRETS.get(role)).get("/actuator/health");
            assertThat(r.json().path("components").path("db").path("details").path("database").asText())
                    .as(role).isNotBlank();
        }
        // an invalid key is as no key on an open path: the status, no details, no 401
        Http.Response wrong = http.as("not-a-key").get("/actuator/health");
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.text()).doesNotContain("details");
    }

    @Test
    void aCustomerKeyNeverReadsAnotherAccount() {
        Http customer = http.as(SECRETS.get("CUSTOMER"));
        assertThat(customer.get("/api/v1/accounts/" + OWN).status()).isEqualTo(200);
        for (String path : List.of("", "/packages", "/quota", "/statements/2026-03", "/calls/r-1", "/events",
                "/alerts", "/../" + OTHER)) {
            Http.Response r = customer.get("/api/v1/accounts/" + OTHER + path);
            assertThat(r.status()).as(path).isIn(403, 400, 404);
            assertThat(r.text()).doesNotContain("PKG-000001");
        }
    }

    @Test
    void eventsRecordTheKeyIdAndCorrelationIdNeverTheSecret() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/accounts/" + OWN + "/calls"))
                .header("Authorization", "Bearer test-meter-secret").header("X-Correlation-Id", "gw-42")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"requestId\":\"actor-1\",\"service\":"
                        + "\"PHOTO_VERIFICATION\",\"occurredAt\":\"2026-03-12T10:00:00+08:00\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Contract.check("http://127.0.0.1:" + port, "POST", r.uri(), r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(""), r.body());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("X-Correlation-Id")).contains("gw-42");
        JsonNode events = http.get("/api/v1/accounts/" + OWN + "/events?type=CallMetered").json().path("events");
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("payload").path("requestId").asText()).isEqualTo("actor-1");
        assertThat(last.path("metaData").path("actor").asText()).isEqualTo("test-meter");
        assertThat(last.path("metaData").path("correlationId").asText()).isEqualTo("gw-42");
        String all = http.get("/api/v1/accounts/" + OWN + "/events?size=1000").text();
        assertThat(all).doesNotContain("secret");
        assertThat(events.get(0).path("metaData").path("actor").asText()).isEqualTo("test-operator");
    }

    /** docs/webhooks.md "Safety": without ledger.webhooks.allow-private (this context), no private destination. */
    @Test
    void webhookUrlsToLoopbackPrivateLinkLocalOrMetadataAddressesAreRefused() {
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook",
                "http://10.0.0.5/hook", "http://192.168.1.1/hook", "http://172.20.0.1/hook",
                "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/hook", "http://[fd00:ec2::254]/",
                "http://0.0.0.0/", "file:///etc/passwd", "ftp://example.com/x")) {
            Http.Response r = http.post("/api/v1/webhooks", "{\"url\":\"" + url + "\",\"events\":[\"package.expiring\"]}");
            assertThat(r.status()).as(url + ": " + r.text()).isEqualTo(422);
            assertThat(r.code()).as(url).isEqualTo("WEBHOOK_URL_NOT_ALLOWED");
        }
        assertThat(http.get("/api/v1/webhooks").json().path("webhooks").toString()).doesNotContain("127.0.0.1", "169.254");
    }
}
