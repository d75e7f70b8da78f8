package com.faceid.ledger.app.audit;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Audit, replay and disputes (the audit issue's acceptance), on the simulated clock, over HTTP. */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // a replay chunk far smaller than the history: the bulk replay commits many chunks one after another
        properties = {"ledger.test.context=audit",
                "ledger.clock=simulated", "ledger.clock.start=2026-01-05T09:00:00+08:00",
                "ledger.replay-chunk-events=7"})
@ActiveProfiles("test")
class AuditTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Http http;
    Ledger ledger;

    void moveTo(String now) {
        assertThat(http.post("/api/v1/admin/clock", "{\"now\":\"" + now + "\"}").status()).isEqualTo(200);
    }

    JsonNode explain(String account, String requestId) {
        Http.Response r = http.get("/api/v1/accounts/" + account + "/calls/" + requestId);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    void explanationsReplayVerifyAsOfAndDisputes() {
        http = new Http(port);
        ledger = new Ledger(http);
        // ---------------------------------------------------------------- a mixed workload, three months
        List<String> accounts = List.of("m-1", "m-2", "m-3", "m-4");
        for (String a : accounts) {
            ledger.open(a, "2026-01-05T09:00:00+08:00");
        }
        http.put("/api/v1/accounts/m-4/postpaid", "{\"enabled\":false}");
        moveTo("2026-01-06T10:00:00+08:00");
        for (String a : accounts) {
            ledger.buy(a, "po-1", "WECHAT_LIVENESS_VERIFICATION", 100, "2026-01-06T10:00:00+08:00");
        }
        Map<String, String> asOfInstants = new LinkedHashMap<>();
        Map<String, String> answeredThen = new LinkedHashMap<>();
        String[][] months = {{"2026-01", "2026-01-15T10:00:00+08:00"}, {"2026-02", "2026-02-15T10:00:00+08:00"},
                {"2026-03", "2026-03-15T10:00:00+08:00"}};
        int k = 0;
        for (String[] m : months) {
            moveTo(m[1]);
            for (String a : accounts) {
                ledger.calls(a, "PHOTO_VERIFICATION", 20 + k, m[1], m[0] + "-p-");
                ledger.calls(a, "WECHAT_LIVENESS_VERIFICATION", 40, m[1], m[0] + "-w-");
                ledger.calls(a, "BANK_CARD_VERIFICATION", 5 + k, m[1], m[0] + "-b-");
                ledger.call(a, m[0] + "-none", "PHOTO_VERIFICATION", m[1], "NoFaceDetected");
            }
            k += 3;
            // what the API answers now, to be asked again later "as of" this instant
            http.post("/api/v1/admin/clock", "{\"now\":\"" + m[1].replace("10:00:00", "11:00:00") + "\"}");
            String at = m[1].replace("10:00:00", "11:00:00");
            asOfInstants.put(m[0], at);
            answeredThen.put(m[0] + " quota", http.get("/api/v1/accounts/m-2/quota").text());
            answeredThen.put(m[0] + " statement", http.get("/api/v1/accounts/m-2/statements/" + m[0]).text());
        }
        moveTo("2026-03-16T09:00:00+08:00"); // after the last as-of instant
        String adj = "{\"adjustmentId\":\"adj-1\",\"month\":\"2026-01\",\"amount\":\"-0.80\",\"reason\":\"two test"
                + " calls\",\"requestId\":\"2026-01-b-0\"}";
        assertThat(http.post("/api/v1/accounts/m-1/adjustments", adj).status()).isEqualTo(201);
        http.post("/api/v1/accounts/m-1/calls", "{\"requestId\":\"2026-03-p-0\",\"service\":\"PHOTO_VERIFICATION\","
                + "\"occurredAt\":\"2026-03-15T10:00:00+08:00\"}");
        http.post("/api/v1/accounts/m-1/calls", "{\"requestId\":\"2026-03-p-0\",\"service\":\"PHOTO_VERIFICATION\","
                + "\"occurredAt\":\"2026-03-15T10:00:00+08:00\"}");

        // ---------------------------------------------------------------- 1. explanations of every kind
        JsonNode free = explain("m-1", "2026-01-p-0");
        assertThat(free.path("chargedTo").asText()).isEqualTo("FREE");
        assertThat(free.path("paidBy").path("packageId").asText()).isEqualTo("FREE-PHOTO_VERIFICATION");
        assertThat(free.path("paidBy").path("remainingBefore").asInt()).isEqualTo(50);
        assertThat(free.path("paidBy").path("remainingAfter").asInt()).isEqualTo(49);
        assertThat(free.path("billableReason").asText()).contains("'Success' is billable");
        assertThat(free.path("call").path("recordedAt").asText()).isEqualTo("2026-01-15T10:00:00+08:00");
        JsonNode bought = explain("m-1", "2026-01-w-39");
        assertThat(bought.path("chargedTo").asText()).isEqualTo("PURCHASED");
        assertThat(bought.path("paidBy").path("packageId").asText()).isEqualTo("PKG-000001");
        assertThat(bought.path("paidBy").path("remainingAfter").asInt()).isEqualTo(60);
        JsonNode post = explain("m-1", "2026-01-b-0");
        assertThat(post.path("chargedTo").asText()).isEqualTo("POSTPAID");
        assertThat(post.path("postpaid").path("month").asText()).isEqualTo("2026-01");
        assertThat(post.path("postpaid").path("postpaidCountAfterCall").asInt()).isEqualTo(1);
        assertThat(post.path("postpaid").path("tier").asInt()).isEqualTo(1);
        assertThat(post.path("postpaid").path("unitPrice").asText()).isEqualTo("0.40");
        assertThat(post.path("postpaid").path("statementStatus").asText()).isEqualTo("CLOSED");
        assertThat(post.path("postpaid").path("estimated").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {  // adjustments are a read model
            JsonNode cited = explain("m-1", "2026-01-b-0").path("adjustments");
            assertThat(cited.path(0).path("adjustmentId").asText()).isEqualTo("adj-1");
            assertThat(cited.path(0).path("month").asText()).isEqualTo("2026-03");
        });
        JsonNode openPost = explain("m-1", "2026-03-b-0");
        assertThat(openPost.path("postpaid").path("estimated").asBoolean()).isTrue();
        JsonNode none = explain("m-1", "2026-01-none");
        assertThat(none.path("chargedTo").asText()).isEqualTo("NONE");
        assertThat(none.path("billable").asBoolean()).isFalse();
        assertThat(none.path("billableReason").asText()).contains("'NoFaceDetected' is not billable");
        JsonNode refused = explain("m-4", "2026-03-b-0");
        assertThat(refused.path("chargedTo").asText()).isEqualTo("REFUSED");
        assertThat(refused.path("explanation").asText()).contains("postpaid was off");
        JsonNode dup = explain("m-1", "2026-03-p-0");
        assertThat(dup.path("duplicates").path("count").asInt()).isEqualTo(2);
        assertThat(dup.path("duplicates").path("first").asText()).isEqualTo("2026-03-16T09:00:00+08:00");
        assertThat(dup.path("duplicates").path("last").asText()).isEqualTo("2026-03-16T09:00:00+08:00");
        assertThat(dup.path("events").path(0).path("type").asText()).isEqualTo("CallMetered");
        assertThat(dup.path("events").path(0).path("eventId").asText()).isNotBlank();

        // ---------------------------------------------------------------- 3. as of three past instants
        for (String[] m : months) {
            String at = URLEncoder.encode(asOfInstants.get(m[0]), StandardCharsets.UTF_8);
            assertThat(http.get("/api/v1/accounts/m-2/quota?asOf=" + at).text())
                    .isEqualTo(answeredThen.get(m[0] + " quota"));
            assertThat(http.get("/api/v1/accounts/m-2/statements/" + m[0] + "?asOf=" + at).text())
                    .isEqualTo(answeredThen.get(m[0] + " statement"));
        }

        // ---------------------------------------------------------------- 2. replay, verify, tamper
        List<String> paths = new ArrayList<>();
        for (String a : accounts) {
            for (String s : List.of("", "/quota", "/packages", "/alerts", "/statements/2026-01", "/statements/2026-02",
                    "/statements/2026-03", "/calls/2026-02-b-1", "/calls/2026-03-w-3")) {
                paths.add("/api/v1/accounts/" + a + s);
            }
        }
        Map<String, String> before = new LinkedHashMap<>();
        paths.forEach(p -> before.put(p, http.get(p).text()));
        assertThat(http.get("/api/v1/admin/verify").json().path("differences")).isEmpty();

        Http.Response started = http.post("/api/v1/admin/replay");
        assertThat(started.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                http.get("/api/v1/admin/replay").json().path("status").asText().equals("DONE"));
        JsonNode progress = http.get("/api/v1/admin/replay").json();
        for (JsonNode p : progress.path("processors")) {
            assertThat(p.path("position").asLong()).isEqualTo(progress.path("head").asLong());
        }
        Map<String, String> after = new LinkedHashMap<>();
        paths.forEach(p -> after.put(p, http.get(p).text()));
        assertThat(after).isEqualTo(before);
        JsonNode verified = http.get("/api/v1/admin/verify").json();
        assertThat(verified.path("accounts").asInt()).isEqualTo(4);
        assertThat(verified.path("differences")).isEmpty();

        jdbc.update("UPDATE package_view SET remaining = remaining + 1 WHERE account_id = 'm-2'"
                + " AND package_id = 'PKG-000001'");
        JsonNode tampered = http.get("/api/v1/admin/verify").json().path("differences");
        assertThat(tampered).hasSize(1);
        assertThat(tampered.get(0).path("readModel").asText()).isEqualTo("package_view");
        assertThat(tampered.get(0).path("key").asText()).isEqualTo("m-2/PKG-000001");
        assertThat(tampered.get(0).path("field").asText()).isEqualTo("remaining");
        assertThat(tampered.get(0).path("actual").asInt())
                .isEqualTo(tampered.get(0).path("expected").asInt() + 1);
        jdbc.update("UPDATE package_view SET remaining = remaining - 1 WHERE account_id = 'm-2'"
                + " AND package_id = 'PKG-000001'");
        // the console's daily counts are checked too
        jdbc.update("UPDATE daily_usage_view SET calls = calls + 2 WHERE account_id = 'm-2'"
                + " AND usage_day = (SELECT MIN(usage_day) FROM daily_usage_view WHERE account_id = 'm-2')");
        JsonNode daily = http.get("/api/v1/admin/verify").json().path("differences");
        assertThat(daily).isNotEmpty().allSatisfy(d -> {
            assertThat(d.path("readModel").asText()).isEqualTo("daily_usage_view");
            assertThat(d.path("key").asText()).startsWith("m-2/");
            assertThat(d.path("actual").asInt()).isEqualTo(d.path("expected").asInt() + 2);
        });
        jdbc.update("UPDATE daily_usage_view SET calls = calls - 2 WHERE account_id = 'm-2'"
                + " AND usage_day = (SELECT MIN(usage_day) FROM daily_usage_view WHERE account_id = 'm-2')");
        assertThat(http.get("/api/v1/admin/verify").json().path("differences")).isEmpty();
        // and the monthly counters, counter by counter
        jdbc.update("UPDATE usage_view SET paid_by_free = paid_by_free + 1 WHERE account_id = 'm-2'"
                + " AND billing_month = '2026-01' AND service = 'PHOTO_VERIFICATION'");
        JsonNode monthly = http.get("/api/v1/admin/verify").json().path("differences");
        assertThat(monthly).hasSize(1);
        assertThat(monthly.get(0).path("readModel").asText()).isEqualTo("usage_view");
        assertThat(monthly.get(0).path("key").asText()).isEqualTo("m-2/2026-01/PHOTO_VERIFICATION");
        assertThat(monthly.get(0).path("field").asText()).isEqualTo("paidByFree");
        assertThat(monthly.get(0).path("actual").asLong()).isEqualTo(monthly.get(0).path("expected").asLong() + 1);
        jdbc.update("UPDATE usage_view SET paid_by_free = paid_by_free - 1 WHERE account_id = 'm-2'"
                + " AND billing_month = '2026-01' AND service = 'PHOTO_VERIFICATION'");
        // and each adjustment, field by field: a reason rewritten in the view is seen
        jdbc.update("UPDATE adjustment_view SET reason = 'rewritten' WHERE account_id = 'm-1' AND adjustment_id = 'adj-1'");
        JsonNode rewritten = http.get("/api/v1/admin/verify").json().path("differences");
        assertThat(rewritten).hasSize(1);
        assertThat(rewritten.get(0).path("key").asText()).isEqualTo("m-1/adj-1");
        assertThat(rewritten.get(0).path("field").asText()).isEqualTo("reason");
        assertThat(rewritten.get(0).path("actual").asText()).isEqualTo("rewritten");

        // ---------------------------------------------------------------- 4. a dispute report, field by field
        JsonNode report = http.get("/api/v1/accounts/m-1/statements/2026-01/dispute-report").json();
        assertThat(report.path("status").asText()).isEqualTo("CLOSED");
        assertThat(report.path("calls")).hasSize(20 + 40 + 5 + 1);
        JsonNode c0 = report.path("calls").get(0);
        assertThat(c0.path("requestId").asText()).isEqualTo("2026-01-p-0");
        assertThat(c0.path("chargedTo").asText()).isEqualTo("FREE");
        assertThat(c0.path("packageId").asText()).isEqualTo("FREE-PHOTO_VERIFICATION");
        assertThat(c0.path("packageRemainingAfter").asInt()).isEqualTo(49);
        assertThat(c0.path("reason").asText()).isEqualTo("free grant FREE-PHOTO_VERIFICATION (free packages pay first)");
        JsonNode b4 = report.path("calls").get(64);
        assertThat(b4.path("requestId").asText()).isEqualTo("2026-01-b-4");
        assertThat(b4.path("chargedTo").asText()).isEqualTo("POSTPAID");
        assertThat(b4.path("postpaidNumber").asInt()).isEqualTo(5);
        assertThat(report.path("calls").get(65).path("chargedTo").asText()).isEqualTo("NONE");
        assertThat(report.path("packagesConsumed").toString()).contains(
                "{\"packageId\":\"FREE-PHOTO_VERIFICATION\",\"service\":\"PHOTO_VERIFICATION\",\"calls\":20}",
                "{\"packageId\":\"PKG-000001\",\"service\":\"WECHAT_LIVENESS_VERIFICATION\",\"calls\":40}");
        JsonNode tier = report.path("tiers").get(0);
        assertThat(tier.path("service").asText()).isEqualTo("BANK_CARD_VERIFICATION");
        assertThat(tier.path("postpaidCount").asInt()).isEqualTo(5);
        assertThat(tier.path("unitPrice").asText()).isEqualTo("0.40");
        assertThat(tier.path("amount").asText()).isEqualTo("2.00");
        assertThat(tier.path("howReached").asText()).contains("5 postpaid BANK_CARD_VERIFICATION calls", "(0, 1000]");
        assertThat(report.path("statement").path("totalSpend").asText()).isEqualTo("122.00"); // 120.00 + 2.00
        JsonNode march = http.get("/api/v1/accounts/m-1/statements/2026-03/dispute-report").json();
        assertThat(march.path("statement").path("adjustments").path(0).path("correctsMonth").asText())
                .isEqualTo("2026-01");
        String csv = http.get("/api/v1/accounts/m-1/statements/2026-01/dispute-report.csv").text();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("record,requestId,occurredAt,service");
        // every text field quoted (one escaping function for every CSV field), figures and booleans bare
        assertThat(csv).contains("call,\"2026-01-p-0\",\"2026-01-15T10:00+08:00\",\"PHOTO_VERIFICATION\",\"Success\","
                + "true,\"FREE\",\"FREE-PHOTO_VERIFICATION\",49,,,,,,\"free grant FREE-PHOTO_VERIFICATION (free packages"
                + " pay first)\"");
        assertThat(csv).contains("call,\"2026-01-b-4\",\"2026-01-15T10:00+08:00\",\"BANK_CARD_VERIFICATION\","
                + "\"Success\",true,\"POSTPAID\",,,5,,,,,\"postpaid call #5 of the month: no package could pay\"");
        assertThat(csv).contains("package,,,\"WECHAT_LIVENESS_VERIFICATION\",,,,\"PKG-000001\",,,40,,,,");
        assertThat(csv).contains("tier,,,\"BANK_CARD_VERIFICATION\",,,,,,,5,1,0.40,2.00,");
        assertThat(csv).contains("total,,,,,,,,,,,,,122.00,\"prepaid 120.00 + postpaid 2.00 + adjustments 0.00\"");
        assertThat(http.get("/api/v1/accounts/m-1/statements/2026-03/dispute-report.csv").text())
                .contains("adjustment,\"2026-01-b-0\",,,,,,,,,,,,-0.80,\"adj-1 corrects 2026-01: two test calls\"");
    }
}
