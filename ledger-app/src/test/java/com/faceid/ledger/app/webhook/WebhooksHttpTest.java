package com.faceid.ledger.app.webhook;

import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.faceid.ledger.app.support.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks over HTTP (docs/webhooks.md) against a real receiver on the simulated clock: each notification type
 * arrives once per id with a valid signature; retries keep the id; a receiver that never answers ends failed after
 * the schedule with every attempt logged; redirects are not followed; a replay notifies nobody again; roles.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.test.context=webhooks", "ledger.webhooks.allow-private=true", "ledger.webhooks.poll=PT0.1S",
        "ledger.webhooks.timeout=PT2S", "ledger.webhooks.lease=PT5S"})
@ActiveProfiles("test")
class WebhooksHttpTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String ALL_TYPES = "[\"package.expiring\",\"package.expired\",\"package.depleted\",\"usage.threshold\","
            + "\"grant.activated\",\"statement.closed\",\"statement.awaiting_price\",\"hold.expired\","
            + "\"adjustment.recorded\",\"calls.refused\"]";
    static WebhookReceiver receiver;
    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    Http http;
    Ledger ledger;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void setUp() {
        http = new Http(port);
        ledger = new Ledger(http);
    }

    OffsetDateTime now() {
        return OffsetDateTime.parse(http.get("/api/v1/admin/clock").json().path("now").asText());
    }

    void moveClock(OffsetDateTime to) {
        Http.Response r = http.post("/api/v1/admin/clock", "{\"now\":\"" + to + "\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    /**
     * A new account, opened three hours before the clock: a subscription names an account that exists (opened
     * first, as an operator would).
     */
    String opened(String prefix, boolean postpaid) {
        String account = prefix + UUID.randomUUID().toString().substring(0, 6);
        Http.Response r = http.post("/api/v1/accounts", "{\"accountId\":\"" + account + "\",\"openedAt\":\""
                + now().minusHours(3) + "\",\"postpaidEnabled\":" + postpaid + "}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return account;
    }

    /** Subscribes a receiver path; answers the secret. */
    String subscribe(Http as, String path, String events, String accountId) {
        Http.Response r = as.post("/api/v1/webhooks", "{\"url\":\"" + receiver.url(path) + "\",\"events\":" + events
                + (accountId == null ? "" : ",\"accountId\":\"" + accountId + "\"") + "}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().path("secret").asText()).startsWith("whsec_");
        return r.json().path("secret").asText() + " " + r.json().path("webhookId").asText();
    }

    @Test
    void theDeliveryLogsPagerRefusesWhatNoPageCanBeNeverA500() {
        String account = opened("wh-pager-", false);
        String webhookId = subscribe(http, "/pager", "[\"adjustment.recorded\"]", account).split(" ")[1];
        String log = "/api/v1/webhooks/" + webhookId + "/deliveries";
        // page × size past what an offset holds overflowed an int into a negative OFFSET: a 500 before
        for (String query : List.of("?page=2147483647&size=1000", "?page=1073741824&size=2", "?page=-1",
                "?size=0", "?size=1001")) {
            Http.Response r = http.get(log + query);
            assertThat(r.status()).as(query + " -> " + r.text()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(http.get(log + "?page=2147483647&size=1").status()).isEqualTo(200);
    }

    @Test
    void anAccountHoldsAtMostTwentyWebhooks() {
        String account = opened("wh-cap-", false);
        String first = null;
        for (int i = 0; i < 20; i++) {
            String id = subscribe(http, "/cap-" + i, "[\"adjustment.recorded\"]", account).split(" ")[1];
            first = first == null ? id : first;
        }
        String body = "{\"url\":\"" + receiver.url("/cap-21") + "\",\"events\":[\"adjustment.recorded\"],"
                + "\"accountId\":\"" + account + "\"}";
        Http.Response refused = http.post("/api/v1/webhooks", body);
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("TOO_MANY_WEBHOOKS");
        assertThat(http.send("DELETE", "/api/v1/webhooks/" + first, null).status()).isEqualTo(204);
        assertThat(http.post("/api/v1/webhooks", body).status()).isEqualTo(201);
    }

    JsonNode deliveries(String webhookId) {
        Http.Response r = http.get("/api/v1/webhooks/" + webhookId + "/deliveries?size=1000");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().path("deliveries");
    }

    static void assertSigned(WebhookReceiver.Received r, String secret) throws Exception {
        Map<String, String> parts = java.util.Arrays.stream(r.signature().split(","))
                .map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((parts.get("t") + "." + r.body())
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(parts.get("v1")).as("signature of " + r.eventId()).isEqualTo(expected);
        assertThat(Long.parseLong(parts.get("t"))).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(300L));
    }

    static JsonNode json(WebhookReceiver.Received r) {
        try {
            return new ObjectMapper().readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(r.body(), e);
        }
    }

    @Test
    void everyNotificationOfAPackagesLifeArrivesOncePerIdSignedAndAReplaySendsNothing() throws Exception {
        String account = opened("wh-life-", true);
        OffsetDateTime base = now();
        String[] sub = subscribe(http, "/life", ALL_TYPES, account).split(" ");
        String secret = sub[0];
        String webhookId = sub[1];
        assertThat(ledger.buy(account, "po-a", "WECHAT_LIVENESS_VERIFICATION", 100, base.minusHours(2).toString())
                .status()).isEqualTo(201);
        assertThat(ledger.buy(account, "po-b", "WECHAT_LIVENESS_COMPARISON", 100, base.minusHours(2).toString())
                .status()).isEqualTo(201);
        ledger.calls(account, "WECHAT_LIVENESS_VERIFICATION", 90, base.minusHours(1).toString(), "a-");
        ledger.calls(account, "WECHAT_LIVENESS_COMPARISON", 100, base.minusHours(1).toString(), "b-");
        Http.Response hold = http.post("/api/v1/accounts/" + account + "/holds",
                "{\"holdId\":\"h-1\",\"service\":\"WECHAT_LIVENESS_VERIFICATION\"}");
        assertThat(hold.status()).as(hold.text()).isEqualTo(201);
        // a year and a day on: the hold expired, reminders 30/7/1 days before expiry, the expiry, every month's close
        moveClock(base.plusYears(1).plusDays(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode d = deliveries(webhookId);
            return d.size() > 0 && receiver.at("/life").size() >= d.size()
                    && java.util.stream.StreamSupport.stream(d.spliterator(), false)
                    .allMatch(x -> x.path("status").asText().equals("SUCCEEDED"));
        });
        List<WebhookReceiver.Received> got = receiver.at("/life");
        Map<String, Long> perId = got.stream().collect(Collectors.groupingBy(WebhookReceiver.Received::eventId,
                Collectors.counting()));
        assertThat(perId.values()).as("each notification once").allMatch(n -> n == 1);
        for (WebhookReceiver.Received r : got) {
            assertSigned(r, secret);
            assertThat(json(r).path("id").asText()).isEqualTo(r.eventId());
            assertThat(json(r).path("type").asText()).isEqualTo(r.type());
            assertThat(json(r).path("accountId").asText()).isEqualTo(account);
        }
        Function<String, List<JsonNode>> ofType = type -> got.stream().map(WebhooksHttpTest::json)
                .filter(j -> j.path("type").asText().equals(type)).toList();

        List<JsonNode> thresholds = ofType.apply("usage.threshold");
        assertThat(thresholds).extracting(j -> j.path("data").path("service").asText() + " "
                + j.path("data").path("percent").asInt()).containsExactlyInAnyOrder(
                "WECHAT_LIVENESS_VERIFICATION 50", "WECHAT_LIVENESS_VERIFICATION 70", "WECHAT_LIVENESS_VERIFICATION 90",
                "WECHAT_LIVENESS_COMPARISON 50", "WECHAT_LIVENESS_COMPARISON 70", "WECHAT_LIVENESS_COMPARISON 90");
        assertThat(ofType.apply("package.depleted")).extracting(j -> j.path("data").path("service").asText())
                .containsExactly("WECHAT_LIVENESS_COMPARISON");
        String packageA = thresholds.stream().filter(j -> j.path("data").path("service").asText()
                .equals("WECHAT_LIVENESS_VERIFICATION")).findFirst().orElseThrow().path("data").path("packageId").asText();
        List<JsonNode> expiring = ofType.apply("package.expiring").stream()
                .filter(j -> j.path("data").path("packageId").asText().equals(packageA)).toList();
        assertThat(expiring).extracting(j -> j.path("data").path("daysLeft").asInt()).containsExactlyInAnyOrder(30, 7, 1);
        assertThat(expiring).allMatch(j -> j.path("data").path("remaining").asInt() == 10
                && OffsetDateTime.parse(j.path("data").path("expiresAt").asText()).isEqual(base.minusHours(2).plusYears(1)));
        List<JsonNode> expired = ofType.apply("package.expired").stream()
                .filter(j -> j.path("data").path("packageId").asText().equals(packageA)).toList();
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).path("data").path("forfeited").asInt()).isEqualTo(10);
        assertThat(expired.get(0).path("data").path("service").asText()).isEqualTo("WECHAT_LIVENESS_VERIFICATION");
        String month = YearMonth.from(base.atZoneSameInstant(SHANGHAI)).toString();
        List<JsonNode> closed = ofType.apply("statement.closed").stream()
                .filter(j -> j.path("data").path("month").asText().equals(month)).toList();
        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).path("data").path("prepaidSpend").asText()).isEqualTo("180.00");
        assertThat(closed.get(0).path("data").path("postpaidAmount").asText()).isEqualTo("0.00");
        assertThat(closed.get(0).path("data").path("totalSpend").asText()).isEqualTo("180.00");
        // every month of the year whose deadline has passed, each closed (and notified) once
        assertThat(ofType.apply("statement.closed")).extracting(j -> j.path("data").path("month").asText())
                .doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(11);
        assertThat(ofType.apply("grant.activated")).hasSize(3); // the three free grants
        assertThat(ofType.apply("hold.expired")).extracting(j -> j.path("data").path("holdId").asText()).containsExactly("h-1");

        // a replay rebuilds the read models; it notifies nobody again
        int sent = got.size();
        int logged = deliveries(webhookId).size();
        assertThat(http.post("/api/v1/admin/replay").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                http.get("/api/v1/admin/replay").json().path("status").asText().equals("DONE"));
        senderHasHadARound();
        assertThat(receiver.at("/life")).hasSize(sent);
        assertThat(deliveries(webhookId)).hasSize(logged);
    }

    @Test
    void theFirstRefusedCallOfADayNotifiesOnce() {
        String account = opened("wh-refused-", false);
        OffsetDateTime base = now();
        subscribe(http, "/refused", "[\"calls.refused\"]", account);
        ledger.call(account, "r-1", "ID_VERIFICATION", base.minusHours(1).toString());
        ledger.call(account, "r-2", "ID_VERIFICATION", base.minusMinutes(30).toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/refused").size() >= 1);
        ledger.call(account, "r-3", "ID_VERIFICATION", base.minusMinutes(20).toString());
        List<WebhookReceiver.Received> got = receiver.at("/refused");
        assertThat(got).hasSize(1);
        JsonNode body = json(got.get(0));
        assertThat(body.path("type").asText()).isEqualTo("calls.refused");
        assertThat(body.path("data").path("requestId").asText()).isEqualTo("r-1");
        assertThat(body.path("data").path("day").asText()).isEqualTo(base.atZoneSameInstant(SHANGHAI).toLocalDate().toString());
    }

    /**
     * Returns once the sender has taken a round after this moment: a fresh notification, due now, has arrived. What
     * the sender did not send by then (a cancelled retry, a replay's) it will not send: only due pending rows are.
     */
    void senderHasHadARound() {
        String marker = "/marker-" + UUID.randomUUID();
        String account = opened("wh-marker-", true);
        subscribe(http, marker, "[\"adjustment.recorded\"]", account);
        adjust(account);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at(marker).size() == 1);
    }

    String adjust(String account) {
        OffsetDateTime base = now();
        Http.Response r = http.post("/api/v1/accounts/" + account + "/adjustments", "{\"adjustmentId\":\"adj-1\","
                + "\"month\":\"" + YearMonth.from(base.atZoneSameInstant(SHANGHAI)) + "\",\"amount\":\"-1.00\","
                + "\"reason\":\"goodwill\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return account;
    }

    @Test
    void aReceiverThatFailsTwiceThenSucceedsGetsTheSameIdThreeTimes() throws Exception {
        String account = opened("wh-flaky-", true);
        receiver.answer("/flaky", n -> n <= 2 ? 500 : 200);
        String[] sub = subscribe(http, "/flaky", "[\"adjustment.recorded\"]", account).split(" ");
        adjust(account);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/flaky").size() == 1);
        moveClock(now().plusMinutes(2)); // the first retry is due a minute (+ up to 10 %) later
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/flaky").size() == 2);
        moveClock(now().plusMinutes(6)); // the second five minutes (+ up to 10 %) after that
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/flaky").size() == 3);
        List<WebhookReceiver.Received> got = receiver.at("/flaky");
        assertThat(got).extracting(WebhookReceiver.Received::eventId).containsOnly(got.get(0).eventId());
        assertThat(got).extracting(WebhookReceiver.Received::body).containsOnly(got.get(0).body());
        for (WebhookReceiver.Received r : got) {
            assertSigned(r, sub[0]);
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                deliveries(sub[1]).get(0).path("status").asText().equals("SUCCEEDED"));
        JsonNode d = deliveries(sub[1]).get(0);
        assertThat(d.path("eventId").asText()).isEqualTo(got.get(0).eventId());
        assertThat(d.path("attempts").asInt()).isEqualTo(3);
        assertThat(d.path("history")).extracting(a -> a.path("statusCode").asInt()).containsExactly(500, 500, 200);
        assertThat(d.path("history").get(0).path("error").asText()).contains("answered 500").contains("answer 1");
        assertThat(json(got.get(0)).path("data").path("amount").asText()).isEqualTo("-1.00");
    }

    @Test
    void aReceiverThatNeverAnswersEndsFailedAfterTheScheduleWithEveryAttemptLogged() {
        String account = opened("wh-hang-", true);
        receiver.hang("/hang", 3000); // longer than the 2 s timeout of this context
        String webhookId = subscribe(http, "/hang", "[\"adjustment.recorded\"]", account).split(" ")[1];
        adjust(account);
        for (int attempt = 1; attempt <= 10; attempt++) {
            int n = attempt;
            await().atMost(Duration.ofSeconds(15)).until(() -> deliveries(webhookId).get(0).path("attempts").asInt() == n
                    && !deliveries(webhookId).get(0).path("status").asText().equals("SENDING"));
            if (n < 10) {
                assertThat(deliveries(webhookId).get(0).path("status").asText()).isEqualTo("PENDING");
                moveClock(now().plusHours(27)); // the longest delay, a day, stretched by up to 10 %
            }
        }
        JsonNode d = deliveries(webhookId).get(0);
        assertThat(d.path("status").asText()).isEqualTo("FAILED");
        assertThat(d.path("nextAttemptAt").isNull()).isTrue();
        assertThat(d.path("history")).hasSize(10);
        assertThat(d.path("history")).allMatch(a -> a.path("error").asText().equals("no answer within 2 s")
                && a.path("statusCode").isNull());
        assertThat(Duration.between(OffsetDateTime.parse(d.path("history").get(0).path("at").asText()),
                OffsetDateTime.parse(d.path("history").get(9).path("at").asText()))).isGreaterThan(Duration.ofDays(3));

        // the operator sends it again by hand: one more attempt, logged, same id
        receiver.release("/hang");
        Http.Response retried = http.post("/api/v1/webhooks/" + webhookId + "/deliveries/"
                + d.path("deliveryId").asText() + "/retry");
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.json().path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(retried.json().path("attempts").asInt()).isEqualTo(11);
        assertThat(receiver.at("/hang")).extracting(WebhookReceiver.Received::eventId).hasSize(11)
                .containsOnly(d.path("eventId").asText());

        String metrics = http.get("/actuator/prometheus").text();
        assertThat(metrics).containsPattern("ledger_webhook_deliveries_total\\{outcome=\"failed\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern("ledger_webhook_deliveries_total\\{outcome=\"retrying\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern("ledger_webhook_deliveries_total\\{outcome=\"succeeded\"[^}]*\\} [1-9]");
        assertThat(metrics).contains("ledger_webhook_backlog");
    }

    @Test
    void aRedirectIsNotFollowed() {
        String account = opened("wh-redirect-", true);
        receiver.answer("/redirect", n -> 302);
        String webhookId = subscribe(http, "/redirect", "[\"adjustment.recorded\"]", account).split(" ")[1];
        adjust(account);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(webhookId).get(0).path("attempts").asInt() == 1);
        JsonNode d = deliveries(webhookId).get(0);
        assertThat(d.path("status").asText()).isEqualTo("PENDING");
        assertThat(d.path("lastStatusCode").asInt()).isEqualTo(302);
        assertThat(d.path("lastError").asText()).contains("redirect (not followed)").contains("/redirect-target");
        assertThat(receiver.at("/redirect-target")).isEmpty();

        // deleting the subscription cancels what it has not sent: the retry never comes
        assertThat(http.send("DELETE", "/api/v1/webhooks/" + webhookId, null).status()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT status FROM webhook_delivery WHERE webhook_id = ?", String.class,
                webhookId)).isEqualTo("CANCELLED");
        moveClock(now().plusMinutes(10));
        senderHasHadARound();
        assertThat(receiver.at("/redirect")).hasSize(1);
    }

    @Test
    void anOperatorsSubscriptionWithoutAnAccountHearsFromEveryAccount() {
        String webhookId = subscribe(http, "/everyone", "[\"adjustment.recorded\"]", null).split(" ")[1];
        assertThat(http.get("/api/v1/webhooks/" + webhookId).json().path("accountId").isNull()).isTrue();
        String first = adjust(opened("wh-any-", true));
        String second = adjust(opened("wh-any-", true));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/everyone").stream()
                .map(r -> json(r).path("accountId").asText()).toList().containsAll(List.of(first, second)));
    }

    @Test
    void subscriptionsByRole() {
        Http customer = http.as("test-customer-secret");
        assertThat(http.post("/api/v1/accounts", "{\"accountId\":\"own-account\",\"openedAt\":\""
                + now().minusHours(3) + "\"}").status()).isIn(201, 409); // the customer key's account
        Http auditor = http.as("test-auditor-secret");
        Http meter = http.as("test-meter-secret");
        String body = "{\"url\":\"" + receiver.url("/c") + "\",\"events\":[\"package.expiring\"]";

        Http.Response own = customer.post("/api/v1/webhooks", body + "}");
        assertThat(own.status()).as(own.text()).isEqualTo(201);
        assertThat(own.json().path("accountId").asText()).isEqualTo("own-account");
        String ownId = own.json().path("webhookId").asText();
        assertThat(customer.post("/api/v1/webhooks", body + ",\"accountId\":\"someone-else\"}").code())
                .isEqualTo("FORBIDDEN");
        String everyone = subscribe(http, "/all", "[\"statement.closed\"]", null).split(" ")[1];

        Http.Response mine = customer.get("/api/v1/webhooks/" + ownId);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().has("secret")).as("the secret is shown once").isFalse();
        assertThat(customer.get("/api/v1/webhooks").json().path("webhooks")).extracting(w -> w.path("webhookId").asText())
                .contains(ownId).doesNotContain(everyone);
        assertThat(customer.get("/api/v1/webhooks/" + everyone).status()).isEqualTo(404);
        assertThat(customer.get("/api/v1/webhooks/" + everyone + "/deliveries").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/webhooks").json().path("webhooks").toString()).doesNotContain("whsec_");

        assertThat(auditor.get("/api/v1/webhooks").json().path("webhooks")).extracting(w -> w.path("webhookId").asText())
                .contains(ownId, everyone);
        assertThat(auditor.post("/api/v1/webhooks", body + "}").status()).isEqualTo(403);
        assertThat(meter.get("/api/v1/webhooks").status()).isEqualTo(403);

        assertThat(http.post("/api/v1/webhooks", "{\"url\":\"" + receiver.url("/x") + "\",\"events\":[\"package.exploded\"]}")
                .code()).isEqualTo("VALIDATION_FAILED");
        // a subscription for an account that does not exist would never hear anything: refused, nothing stored
        int before = http.get("/api/v1/webhooks").json().path("webhooks").size();
        Http.Response typo = http.post("/api/v1/webhooks", body + ",\"accountId\":\"no-such-account\"}");
        assertThat(typo.status()).isEqualTo(404);
        assertThat(typo.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(http.get("/api/v1/webhooks").json().path("webhooks")).hasSize(before);
        assertThat(http.post("/api/v1/webhooks", "{\"url\":\"" + receiver.url("/x") + "\",\"events\":[]}").code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(http.post("/api/v1/webhooks", "{\"url\":\"ftp://127.0.0.1/x\",\"events\":[\"package.expiring\"]}")
                .code()).isEqualTo("WEBHOOK_URL_NOT_ALLOWED");
        assertThat(http.post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1/" + "x".repeat(2100)
                + "\",\"events\":[\"package.expiring\"]}").code()).isEqualTo("VALIDATION_FAILED");

        assertThat(customer.send("DELETE", "/api/v1/webhooks/" + everyone, null).status()).isEqualTo(404);
        assertThat(customer.send("DELETE", "/api/v1/webhooks/" + ownId, null).status()).isEqualTo(204);
        assertThat(customer.get("/api/v1/webhooks/" + ownId).status()).isEqualTo(404);
    }

    @Test
    void aSlowEndpointHoldsUpNoOtherAndIsSentToAtMostTwoAtATime() {
        String account = opened("wh-slow-", true);
        receiver.hang("/slow", 3000); // each attempt ends at the 2 s timeout
        subscribe(http, "/slow", "[\"adjustment.recorded\"]", account);
        subscribe(http, "/quick", "[\"adjustment.recorded\"]", account);
        OffsetDateTime base = now();
        for (int i = 1; i <= 6; i++) {
            Http.Response r = http.post("/api/v1/accounts/" + account + "/adjustments", "{\"adjustmentId\":\"adj-" + i
                    + "\",\"month\":\"" + YearMonth.from(base.atZoneSameInstant(SHANGHAI)) + "\",\"amount\":\"-1.00\","
                    + "\"reason\":\"goodwill\"}");
            assertThat(r.status()).as(r.text()).isEqualTo(201);
        }
        long start = System.nanoTime();
        // all six reach the quick endpoint while the slow one has had at most two of them at a time
        await().atMost(Duration.ofSeconds(3)).until(() -> receiver.at("/quick").size() == 6);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(receiver.at("/slow").size()).isBetween(1, 2);
    }

    @Test
    void twoSendersOnOneStoreNeverSendADeliveryTwice(@org.springframework.beans.factory.annotation.Autowired
                                                     WebhookSender node1,
                                                     @org.springframework.beans.factory.annotation.Autowired
                                                     org.springframework.jdbc.core.JdbcTemplate jdbc,
                                                     @org.springframework.beans.factory.annotation.Autowired
                                                     com.faceid.ledger.app.time.LedgerClock clock,
                                                     @org.springframework.beans.factory.annotation.Autowired
                                                     com.faceid.ledger.app.LedgerProperties props) throws Exception {
        // a second node: another sender with its own claims, on the same tables
        WebhookSender node2 = new WebhookSender(jdbc, clock, props, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        node2.start();
        try {
            String account = opened("wh-nodes-", true);
            subscribe(http, "/nodes", "[\"adjustment.recorded\"]", account);
            OffsetDateTime base = now();
            java.util.concurrent.ExecutorService racers = java.util.concurrent.Executors.newFixedThreadPool(4);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            for (WebhookSender node : List.of(node1, node2, node1, node2)) {
                racers.submit(() -> {
                    while (!stop.get()) {
                        node.sendDue();
                    }
                });
            }
            for (int i = 1; i <= 30; i++) {
                http.post("/api/v1/accounts/" + account + "/adjustments", "{\"adjustmentId\":\"adj-" + i + "\",\"month\":\""
                        + YearMonth.from(base.atZoneSameInstant(SHANGHAI)) + "\",\"amount\":\"-1.00\",\"reason\":\"r\"}");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/nodes").size() >= 30);
            stop.set(true);
            racers.shutdown();
            assertThat(racers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // every request the receiver got is an attempt in the log once its sender has recorded it
            String webhookId = jdbc.queryForObject("SELECT webhook_id FROM webhook_subscription WHERE url = ?",
                    String.class, receiver.url("/nodes"));
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM webhook_attempt a"
                    + " JOIN webhook_delivery d ON d.delivery_id = a.delivery_id WHERE d.webhook_id = ?", Long.class,
                    webhookId) == receiver.at("/nodes").size());
            assertThat(receiver.at("/nodes")).hasSize(30);
            assertThat(receiver.at("/nodes")).extracting(WebhookReceiver.Received::eventId).doesNotHaveDuplicates();
        } finally {
            node2.stop();
        }
    }
}
