package com.faceid.ledger.app.whatif;

import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What-if and advice over HTTP (api.md "What-if and advice"): accounts opened in January 2025 on the simulated
 * clock, their March 2026 traffic metered and closed, then re-rated and advised. Both answer from the events.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.test.context=what-if-http", "ledger.clock.start=" + WhatIfHttpTest.LONG_AGO})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatIfHttpTest {
    static final String LONG_AGO = "2025-01-05T10:00:00+08:00";
    static final String IN_MARCH = "2026-03-05T10:00:00+08:00";
    @LocalServerPort
    int port;
    Http http;
    Ledger ledger;
    String thousand;
    String p1;
    String eightHundred;
    String twelveHundred;

    @BeforeAll
    void history() {
        http = new Http(port);
        ledger = new Ledger(http);
        thousand = open("thousand");
        p1 = open("p1");
        eightHundred = open("eight-hundred");
        twelveHundred = open("twelve-hundred");
        assertThat(http.post("/api/v1/admin/clock", "{\"now\":\"2026-04-01T12:00:00+08:00\"}").status())
                .isEqualTo(200);
        ledger.calls(thousand, "LIVENESS_VERIFICATION", 1_000, IN_MARCH, "c");
        for (int i = 0; i < 3; i++) {
            assertThat(ledger.buy(p1, "po-" + i, "LIVENESS_VERIFICATION", 100_000, IN_MARCH).status()).isEqualTo(201);
        }
        ledger.calls(eightHundred, "LIVENESS_VERIFICATION", 800, IN_MARCH, "c");
        ledger.calls(twelveHundred, "LIVENESS_VERIFICATION", 1_200, IN_MARCH, "c");
        for (String a : new String[]{thousand, p1, eightHundred, twelveHundred}) {
            Http.Response closed = http.post("/api/v1/accounts/" + a + "/statements/2026-03/close");
            assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        }
    }

    String open(String name) {
        String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        ledger.open(id, LONG_AGO);
        return id;
    }

    JsonNode whatIf(String account, String body) {
        Http.Response r = http.post("/api/v1/accounts/" + account + "/what-if", body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    void anEmptyScenarioReproducesEveryMonthOfTheHistory() {
        JsonNode w = whatIf(thousand, "{}");
        assertThat(w.path("from").asText()).isEqualTo("2025-01");
        assertThat(w.path("to").asText()).isEqualTo("2026-04");
        assertThat(w.path("months")).hasSize(16);
        for (JsonNode m : w.path("months")) {
            assertThat(m.path("whatIf")).as(m.path("month").asText()).isEqualTo(m.path("actual"));
            assertThat(m.path("difference").asText()).isEqualTo("0.00");
            assertThat(m.path("lines")).isEmpty();
        }
        JsonNode march = w.path("months").get(14);
        com.fasterxml.jackson.databind.node.ObjectNode recorded = ledger.statement(thousand, "2026-03").deepCopy();
        recorded.remove("digest");
        assertThat(march.path("actual")).isEqualTo(recorded);
        assertThat(march.path("actual").path("status").asText()).isEqualTo("CLOSED");
        assertThat(w.path("totalActual").asText()).isEqualTo("1000.00");
        assertThat(w.path("difference").asText()).isEqualTo("0.00");
        assertThat(w.path("notes")).isEmpty();
    }

    @Test
    void lowerInclusiveBoundsMoveAMonthOfExactly1000PostpaidCallsToTheSecondTier() {
        JsonNode w = whatIf(thousand, "{\"from\":\"2026-03\",\"to\":\"2026-03\","
                + "\"scenario\":{\"tierBounds\":\"LOWER_INCLUSIVE\"}}");
        JsonNode march = w.path("months").get(0);
        assertThat(march.path("actual").path("totalSpend").asText()).isEqualTo("1000.00");
        assertThat(march.path("whatIf").path("totalSpend").asText()).isEqualTo("850.00");
        assertThat(march.path("whatIf").path("tierConvention").asText()).isEqualTo("LOWER_INCLUSIVE");
        assertThat(march.path("difference").asText()).isEqualTo("-150.00");
        JsonNode line = march.path("lines").get(0);
        assertThat(line.path("line").asText()).isEqualTo("LIVENESS_VERIFICATION");
        assertThat(line.path("actualTier").asInt()).isEqualTo(1);
        assertThat(line.path("whatIfTier").asInt()).isEqualTo(2);
        assertThat(line.path("actualAmount").asText()).isEqualTo("1000.00");
        assertThat(line.path("whatIfAmount").asText()).isEqualTo("850.00");
        assertThat(line.path("difference").asText()).isEqualTo("-150.00");
        assertThat(w.path("difference").asText()).isEqualTo("-150.00");
        // nothing changed: the statement as recorded still says 1000.00
        assertThat(ledger.statement(thousand, "2026-03").path("totalSpend").asText()).isEqualTo("1000.00");
    }

    @Test
    void thePagesP1BoughtAs200kPlus100kWouldHaveCost230000() {
        JsonNode w = whatIf(p1, "{\"from\":\"2026-03\",\"to\":\"2026-03\",\"scenario\":{\"replacePurchases\":true,"
                + "\"purchases\":[{\"service\":\"LIVENESS_VERIFICATION\",\"size\":200000,\"purchasedAt\":\"" + IN_MARCH
                + "\"},{\"service\":\"LIVENESS_VERIFICATION\",\"size\":100000,\"purchasedAt\":\"" + IN_MARCH + "\"}]}}");
        JsonNode march = w.path("months").get(0);
        assertThat(march.path("actual").path("prepaidSpend").asText()).isEqualTo("240000.00");
        assertThat(march.path("whatIf").path("prepaidSpend").asText()).isEqualTo("230000.00");
        assertThat(march.path("whatIf").path("purchases")).hasSize(2);
        assertThat(march.path("difference").asText()).isEqualTo("-10000.00");
        assertThat(march.path("lines").get(0).path("line").asText()).isEqualTo("PREPAID");
    }

    @Test
    void aScenarioTheHistoryCannotTakeIsAProblemAndChangesNothing() {
        long events = ledger.eventCount(p1);
        String[][] cases = {
                {"{\"scenario\":{\"catalog\":\"faceid-1999\"}}", "400", "VALIDATION_FAILED"},
                {"{\"scenario\":{\"tierBounds\":\"SIDEWAYS\"}}", "400", "VALIDATION_FAILED"},
                {"{\"from\":\"2026-04\",\"to\":\"2026-03\"}", "400", "VALIDATION_FAILED"},
                {"{\"scenario\":{\"purchases\":[{\"service\":\"LIVENESS_VERIFICATION\",\"size\":777,\"purchasedAt\":\""
                        + IN_MARCH + "\"}]}}", "422", "PACKAGE_SIZE_NOT_SOLD"},
                {"{\"scenario\":{\"purchases\":[{\"service\":\"LIVENESS_VERIFICATION\",\"size\":1000,\"purchasedAt\":"
                        + "\"2024-01-01T00:00:00+08:00\"}]}}", "422", "BEFORE_ACCOUNT_OPENED"},
                {"{\"scenario\":{\"purchases\":[{\"service\":\"LIVENESS_VERIFICATION\",\"size\":1000,\"purchasedAt\":"
                        + "\"2027-01-01T00:00:00+08:00\"}]}}", "422", "TIMESTAMP_IN_FUTURE"},
                {"{\"scenario\":{\"negotiatedPrices\":[{\"service\":\"ID_VERIFICATION\",\"unitPrice\":\"-1\","
                        + "\"effectiveFrom\":\"2026-03\"}]}}", "400", "VALIDATION_FAILED"}};
        String purchase = "{\"service\":\"LIVENESS_VERIFICATION\",\"size\":1000,\"purchasedAt\":\"" + IN_MARCH
                + "\"}";
        String tooMany = "{\"scenario\":{\"purchases\":[" + String.join(",", java.util.Collections.nCopies(
                WhatIfRequest.ITEMS_MAX + 1, purchase)) + "]}}";
        cases = java.util.stream.Stream.concat(java.util.Arrays.stream(cases), java.util.stream.Stream.of(
                new String[]{tooMany, "400", "VALIDATION_FAILED"},
                new String[]{"{\"scenario\":{\"catalog\":\"" + "x".repeat(200) + "\"}}", "400", "VALIDATION_FAILED"},
                new String[]{"{\"scenario\":{\"purchases\":[{\"service\":\"LIVENESS_VERIFICATION\",\"size\":-5,"
                        + "\"purchasedAt\":\"" + IN_MARCH + "\"}]}}", "400", "VALIDATION_FAILED"},
                new String[]{"{\"scenario\":{\"purchases\":[{\"service\":\"TELEPATHY\",\"size\":1000,"
                        + "\"purchasedAt\":\"" + IN_MARCH + "\"}]}}", "400", "UNKNOWN_SERVICE"},
                new String[]{"{\"from\":\"March\"}", "400", "VALIDATION_FAILED"},
                new String[]{"{\"scenario\":", "400", "MALFORMED_REQUEST"})).toArray(String[][]::new);
        for (String[] c : cases) {
            Http.Response r = http.post("/api/v1/accounts/" + p1 + "/what-if", c[0]);
            assertThat(r.status()).as(c[0] + " -> " + r.text()).isEqualTo(Integer.parseInt(c[1]));
            assertThat(r.code()).as(c[0]).isEqualTo(c[2]);
        }
        assertThat(http.post("/api/v1/accounts/nobody/what-if", "{}").status()).isEqualTo(404);
        assertThat(ledger.eventCount(p1)).isEqualTo(events);
    }

    /** A run: started, followed until done, and its answer is the what-if's, to the last field. */
    JsonNode run(String account, String body, String end) {
        Http.Response started = http.post("/api/v1/accounts/" + account + "/what-if-runs", body);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        JsonNode run = started.json();
        assertThat(run.path("status").asText()).isIn("QUEUED", "RUNNING", "DONE", "FAILED"); // a quick run may be over
        assertThat(run.path("eventsTotal").asLong()).isEqualTo(ledger.eventCount(account));
        String path = "/api/v1/accounts/" + account + "/what-if-runs/" + run.path("runId").asText();
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = http.get(path).json();
            return !last[0].path("status").asText().equals("QUEUED") && !last[0].path("status").asText().equals("RUNNING");
        });
        assertThat(last[0].path("status").asText()).as(last[0].toString()).isEqualTo(end);
        assertThat(last[0].has("finishedAt")).isTrue();
        return last[0];
    }

    @Test
    void aRunGivesTheSameAnswerAsTheWhatIfAndSaysHowFarItHasRead() {
        String body = "{\"from\":\"2026-03\",\"to\":\"2026-03\",\"scenario\":{\"tierBounds\":\"LOWER_INCLUSIVE\"}}";
        JsonNode done = run(thousand, body, "DONE");
        assertThat(done.path("eventsRead").asLong()).isEqualTo(done.path("eventsTotal").asLong())
                .isEqualTo(ledger.eventCount(thousand));
        assertThat(done.has("failure")).isFalse();
        assertThat(done.path("result")).isEqualTo(whatIf(thousand, body));
        assertThat(done.path("result").path("difference").asText()).isNotEqualTo("0.00");
    }

    @Test
    void aRunThatTheRulesRefuseFailsWithTheProblemTheWhatIfAnswers() {
        String before = "{\"scenario\":{\"purchases\":[{\"service\":\"LIVENESS_VERIFICATION\",\"size\":1000,"
                + "\"purchasedAt\":\"2020-01-01T00:00:00+08:00\"}]}}";
        JsonNode failed = run(p1, before, "FAILED");
        assertThat(failed.has("result")).isFalse();
        assertThat(failed.path("failure").path("status").asInt()).isEqualTo(422);
        assertThat(failed.path("failure").path("code").asText()).isEqualTo("BEFORE_ACCOUNT_OPENED");
        Http.Response direct = http.post("/api/v1/accounts/" + p1 + "/what-if", before);
        assertThat(direct.code()).isEqualTo("BEFORE_ACCOUNT_OPENED");
        assertThat(failed.path("failure").path("detail").asText()).isEqualTo(direct.json().path("detail").asText());
    }

    @Test
    void whatCanBeRefusedBeforeReadingIsRefusedAtTheStartAndRunsAreKeptToTheirAccount() {
        long runsBefore = ledger.eventCount(p1);
        Http.Response backwards = http.post("/api/v1/accounts/" + p1 + "/what-if-runs",
                "{\"from\":\"2026-03\",\"to\":\"2026-01\"}");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(http.post("/api/v1/accounts/nobody/what-if-runs", "{}").code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(http.post("/api/v1/accounts/" + p1 + "/what-if-runs", "{\"scenario\":{\"purchases\":[null]}}")
                .status()).isEqualTo(400);
        Http.Response started = http.post("/api/v1/accounts/" + p1 + "/what-if-runs", "{}");
        String runId = started.json().path("runId").asText();
        Http.Response elsewhere = http.get("/api/v1/accounts/" + thousand + "/what-if-runs/" + runId);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.code()).isEqualTo("NOT_FOUND");
        assertThat(http.get("/api/v1/accounts/" + p1 + "/what-if-runs/wir_none").status()).isEqualTo(404);
        assertThat(ledger.eventCount(p1)).as("a run is a read").isEqualTo(runsBefore);
    }

    @Test
    void adviceBelowTheFirstTierBuysPackagesAndSaysWhatItAssumed() {
        Http.Response r = http.get("/api/v1/accounts/" + eightHundred + "/advice?basisMonths=1&horizonMonths=3");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode a = r.json();
        assertThat(a.path("basis").path("months").get(0).asText()).isEqualTo("2026-03");
        assertThat(a.path("basis").path("callsPerMonth").path("LIVENESS_VERIFICATION").asLong()).isEqualTo(800);
        assertThat(a.path("horizonFrom").asText()).isEqualTo("2026-04");
        JsonNode s = a.path("services").get(0);
        assertThat(s.path("service").asText()).isEqualTo("LIVENESS_VERIFICATION");
        assertThat(s.path("plan").toString()).isEqualTo("[{\"size\":1000,\"count\":2,\"buyAt\":\"2026-04\","
                + "\"price\":\"930.00\"},{\"size\":100,\"count\":4,\"buyAt\":\"2026-04\",\"price\":\"99.00\"}]");
        assertThat(s.path("cost").asText()).isEqualTo("2256.00");
        assertThat(s.path("costAsToday").asText()).isEqualTo("2400.00"); // 800 x 1.00 x 3 postpaid
        assertThat(s.path("savings").asText()).isEqualTo("144.00");
        assertThat(s.path("search").asText()).isEqualTo("EXACT");
        assertThat(a.path("totalSavings").asText()).isEqualTo("144.00");
        assertThat(a.path("assumptions").toString()).contains("1-year validity").contains("faceid-2026-01");
    }

    @Test
    void adviceAboveTheFirstTierKeepsPostpaid() {
        JsonNode a = http.get("/api/v1/accounts/" + twelveHundred + "/advice?basisMonths=3&horizonMonths=3").json();
        assertThat(a.path("basis").path("months").toString()).isEqualTo("[\"2026-01\",\"2026-02\",\"2026-03\"]");
        assertThat(a.path("basis").path("callsPerMonth").path("LIVENESS_VERIFICATION").asLong()).isEqualTo(400);
        // 400 calls a month for 3 months: one package of 1,000 and two of 100 at the start (0.94 a call) beat
        // 1.00 a call postpaid, and twelve packages of 100 (1188.00)
        JsonNode s = a.path("services").get(0);
        assertThat(s.path("plan").toString()).isEqualTo("[{\"size\":1000,\"count\":1,\"buyAt\":\"2026-04\","
                + "\"price\":\"930.00\"},{\"size\":100,\"count\":2,\"buyAt\":\"2026-04\",\"price\":\"99.00\"}]");
        assertThat(s.path("cost").asText()).isEqualTo("1128.00");
        assertThat(s.path("costAsToday").asText()).isEqualTo("1200.00");
        assertThat(http.get("/api/v1/accounts/" + twelveHundred + "/advice?basisMonths=1&horizonMonths=2").json()
                .path("services").get(0).path("plan")).isEmpty(); // 1,200 x 0.85 beats any package
    }

    @Test
    void adviceRefusesBasisAndHorizonOutsideItsLimits() {
        for (String q : new String[]{"basisMonths=0", "basisMonths=13", "horizonMonths=0", "horizonMonths=25",
                "basisMonths=three", "horizonMonths=99999999999"}) {
            Http.Response r = http.get("/api/v1/accounts/" + thousand + "/advice?" + q);
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(http.get("/api/v1/accounts/nobody/advice").status()).isEqualTo(404);
    }

    @Test
    void adviceWithoutAClosedMonthSaysSoAndAdvisesNothing() {
        String fresh = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        ledger.open(fresh, "2026-04-01T11:00:00+08:00");
        JsonNode a = http.get("/api/v1/accounts/" + fresh + "/advice").json();
        assertThat(a.path("basis").path("months")).isEmpty();
        assertThat(a.path("services")).isEmpty();
        assertThat(a.path("totalCost").asText()).isEqualTo("0.00");
        assertThat(a.path("assumptions").toString()).contains("no month is closed yet");
    }
}
