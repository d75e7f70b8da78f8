package com.faceid.ledger.app.console;

import com.faceid.ledger.app.support.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's session over plain HTTP: an operator moves the simulated clock from its form (and cannot move it
 * back), and a session unused for {@code ledger.console.idle-timeout} (two seconds here) has ended.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.test.context=console-session", "ledger.console.idle-timeout=PT2S"})
@ActiveProfiles("test")
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ConsoleSessionTest {
    @LocalServerPort
    int port;
    ConsoleClient console;

    @org.junit.jupiter.api.BeforeEach
    void client() {
        console = new ConsoleClient(port);
    }

    @Test
    void anOperatorMovesTheSimulatedClockForwardNeverBack() throws Exception {
        console.signIn(Http.OPERATOR);
        HttpResponse<String> page = console.get("/console/admin/clock");
        assertThat(page.body()).contains("2026-04-01 12:00:00 +08:00").contains("simulated");
        HttpResponse<String> moved = console.post("/console/admin/clock", "_csrf=" + ConsoleClient.csrf(page.body())
                + "&now=" + URLEncoder.encode("2026-04-01T13:30:00", StandardCharsets.UTF_8));
        assertThat(moved.statusCode()).isEqualTo(302);
        Http api = new Http(port);
        assertThat(api.get("/api/v1/admin/clock").json().path("now").asText()).isEqualTo("2026-04-01T13:30:00+08:00");
        console.signIn(Http.OPERATOR); // the session lasts two seconds unused here: a fresh one for each form
        page = console.get("/console/admin/clock");
        HttpResponse<String> back = console.post("/console/admin/clock", "_csrf=" + ConsoleClient.csrf(page.body())
                + "&now=" + URLEncoder.encode("2026-04-01T13:00:00", StandardCharsets.UTF_8));
        assertThat(back.statusCode()).isEqualTo(409);
        assertThat(back.body()).contains("CLOCK_BACKWARDS").contains("never goes back");
        assertThat(api.get("/api/v1/admin/clock").json().path("now").asText()).isEqualTo("2026-04-01T13:30:00+08:00");
    }

    @Test
    void listsLongerThanAPageLinkOnwardAndBack() throws Exception {
        Http api = new Http(port);
        for (int i = 0; i < 21; i++) { // a page of accounts is 20
            assertThat(api.post("/api/v1/accounts", "{\"accountId\":\"pager-" + (100 + i)
                    + "\",\"openedAt\":\"2026-04-01T09:00:00+08:00\"}").status()).isEqualTo(201);
        }
        console.signIn(Http.OPERATOR);
        String first = console.get("/console/accounts?prefix=pager-").body();
        assertThat(first).contains("pager-119").doesNotContain("pager-120").doesNotContain(">Previous<")
                .contains("href=\"/console/accounts?prefix=pager-&amp;page=1\" id=\"next\">Next<");
        String second = console.get("/console/accounts?prefix=pager-&page=1").body();
        assertThat(second).contains("pager-120").doesNotContain("pager-119").doesNotContain(">Next<")
                .contains("href=\"/console/accounts?prefix=pager-&amp;page=0\">Previous<");

    }

    /**
     * The history as a timeline: newest first, one sentence an event in the billing zone with its offset, a type to
     * show, a day to jump to, pages both ways (50 events a page), the raw event one click away. Runs last: it moves
     * the clock two days on, past where the other tests of this class expect it.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void theHistoryReadsAsATimelineNewestFirstPagedBothWays() throws Exception {
        Http api = openedInAprilAndSignedIn("timeline");
        com.fasterxml.jackson.databind.JsonNode bought = api.post("/api/v1/accounts/timeline/packages",
                "{\"purchaseId\":\"po-tl\",\"service\":\"PHOTO_VERIFICATION\",\"size\":1000,"
                        + "\"purchasedAt\":\"2026-04-01T09:30:00+08:00\"}").json();
        String packageId = bought.path("packageId").asText();
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            calls.append(i == 0 ? "" : ",").append("{\"accountId\":\"timeline\",\"requestId\":\"r-").append(i)
                    .append("\",\"service\":\"PHOTO_VERIFICATION\",\"occurredAt\":\"2026-04-01T10:00:00+08:00\"}");
        }
        assertThat(api.post("/api/v1/calls:batch", "{\"calls\":[" + calls + "]}").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/admin/clock", "{\"now\":\"2026-04-03T10:00:00+08:00\"}").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/accounts/timeline/calls", "{\"requestId\":\"tl-late\","
                + "\"service\":\"PHOTO_VERIFICATION\",\"occurredAt\":\"2026-04-03T10:00:00+08:00\"}").status())
                .isEqualTo(201);
        console.signIn(Http.OPERATOR);

        // every event, newest first: the late call is on top, in the billing zone with its offset
        String all = console.get("/console/accounts/timeline/events").body();
        java.util.List<Long> order = sequences(all);
        assertThat(order).hasSize(50).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(all).contains("2026-04-03 10:00:00 +08:00").doesNotContain("id=\"newer\"")
                .doesNotContain("id=\"newest\"").contains("id=\"older\"");

        // the calls only: 61 of them, the newest page of 50, then the 11 older, then back
        String first = console.get("/console/accounts/timeline/events?type=CallMetered").body();
        assertThat(sentences(first)).hasSize(50).first().asString()
                .startsWith("Call tl-late (Photo verification) paid by free package");
        assertThat(sentences(first).get(1)).isEqualTo("Call r-59 (Photo verification) paid by package " + packageId
                + ", 940 left.");
        long olderBefore = sequences(first).get(49);
        assertThat(first).contains("href=\"/console/accounts/timeline/events?type=CallMetered&amp;before="
                + olderBefore + "\"");
        String older = console.get("/console/accounts/timeline/events?type=CallMetered&before=" + olderBefore).body();
        assertThat(sentences(older)).hasSize(11).last().isEqualTo("Call r-0 (Photo verification) paid by package "
                + packageId + ", 999 left.");
        assertThat(older).doesNotContain("id=\"older\"").contains("id=\"newest\"")
                .contains("events?type=CallMetered&amp;after=" + sequences(older).get(0) + "\"");
        String newer = console.get("/console/accounts/timeline/events?type=CallMetered&after="
                + sequences(older).get(0)).body();
        assertThat(sequences(newer)).isEqualTo(sequences(first));
        assertThat(newer).doesNotContain("id=\"newer\"");
        // the raw event, one click away, under its sentence
        assertThat(older).containsPattern("<details>\\s*<summary>#\\d+ CallMetered</summary>\\s*"
                + "<code class=\"payload\">\\{[^<]*&quot;requestId&quot;:&quot;r-0&quot;");

        // a day to jump to: the calls of 1 April and before, the late call left out, newer ones a click away
        String jumped = console.get("/console/accounts/timeline/events?type=CallMetered&on=2026-04-01").body();
        assertThat(sentences(jumped).get(0)).startsWith("Call r-59 ");
        assertThat(jumped).contains("id=\"newer\"").containsPattern("2026-04-01 1[23]:[0-9]{2}:00 \\+08:00");
        // the purchase and the opening in words
        String opening = console.get("/console/accounts/timeline/events?type=PackagePurchased").body();
        assertThat(sentences(opening)).containsExactly("Package " + packageId + " bought: 1,000 Photo verification"
                + " calls for " + EventSentences.money(new java.math.BigDecimal(bought.path("price").asText())) + ", valid until "
                + bought.path("expiresAt").asText().replace('T', ' ').substring(0, 16) + " +08:00.");
        HttpResponse<String> unknown = console.get("/console/accounts/timeline/events?type=NoSuchEvent");
        assertThat(unknown.statusCode()).isEqualTo(400);
    }

    private static java.util.List<Long> sequences(String page) {
        return java.util.regex.Pattern.compile("data-sequence=\"(\\d+)\"").matcher(page).results()
                .map(m -> Long.valueOf(m.group(1))).toList();
    }

    private static java.util.List<String> sentences(String page) {
        return java.util.regex.Pattern.compile("<span class=\"sentence\">([^<]*)</span>").matcher(page).results()
                .map(m -> org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1))).toList();
    }

    /** Opens an account at 09:00 on the clock's day (1 April) and signs in as an operator; answers the API. */
    Http openedInAprilAndSignedIn(String accountId) throws Exception {
        Http api = new Http(port);
        assertThat(api.post("/api/v1/accounts", "{\"accountId\":\"" + accountId + "\",\"openedAt\":"
                + "\"2026-04-01T09:00:00+08:00\"}").status()).isEqualTo(201);
        console.signIn(Http.OPERATOR);
        return api;
    }

    @Test
    void aWhatIfIsShownAtOnceOrFromItsRunAndABadFormIsRefused() throws Exception {
        Http api = openedInAprilAndSignedIn("wi-console");
        // a short history's answer is on the page the form asked for (WhatIfPagesTest has a long one)
        HttpResponse<String> atOnce = console.get("/console/accounts/wi-console/what-if?postpaid=off");
        assertThat(atOnce.statusCode()).as("a few events re-rate well within the second the page waits")
                .isEqualTo(200);
        assertThat(atOnce.body()).contains("id=\"what-if-total\"").doesNotContain("what-if-progress");
        assertThat(atOnce.headers().firstValue("Refresh")).isEmpty();

        // a run's page: its answer once it is done (a long one shows its progress and refreshes itself)
        String runId = api.post("/api/v1/accounts/wi-console/what-if-runs", "{}").json().path("runId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/accounts/wi-console/what-if-runs/"
                + runId).json().path("status").asText().equals("DONE"));
        HttpResponse<String> done = console.get("/console/accounts/wi-console/what-if/runs/" + runId);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("id=\"what-if-total\"");
        assertThat(done.headers().firstValue("Refresh")).isEmpty();
        HttpResponse<String> elsewhere = console.get("/console/accounts/wi-console/what-if/runs/wir_none");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(elsewhere.body()).contains("NOT_FOUND");

        // a size that is not a number is the form's mistake, not the ledger's
        HttpResponse<String> bad = console.get("/console/accounts/wi-console/what-if?service=LIVENESS_VERIFICATION&size=ten");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("VALIDATION_FAILED");
    }

    @Test
    void aStatementLinksOnlyToMonthsTheAccountHasLivedIn() throws Exception {
        openedInAprilAndSignedIn("st-console");
        // opened in April, the clock in April: no month before or after to go to
        HttpResponse<String> april = console.get("/console/accounts/st-console/statements/2026-04");
        assertThat(april.statusCode()).isEqualTo(200);
        assertThat(april.body()).doesNotContain("/console/accounts/st-console/statements/2026-03\"")
                .doesNotContain("/console/accounts/st-console/statements/2026-05\"");
        HttpResponse<String> may = console.get("/console/accounts/st-console/statements/2026-05");
        assertThat(may.statusCode()).isEqualTo(422);
        assertThat(may.body()).contains("TIMESTAMP_IN_FUTURE");
    }

    @Test
    void aSessionUnusedForTheIdleTimeoutHasEnded() throws Exception {
        console.signIn(Http.OPERATOR);
        assertThat(console.get("/console/accounts").statusCode()).isEqualTo(200);
        // each look waits longer than the timeout after the last use, so it is the look that finds it ended
        await().pollDelay(Duration.ofMillis(2500)).pollInterval(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(20))
                .until(() -> console.get("/console/accounts").statusCode() == 302);
        assertThat(console.get("/console/accounts").headers().firstValue("Location").orElseThrow())
                .endsWith("/console/sign-in");
        // a form sent on an ended session is asked to sign in again, and does nothing
        HttpResponse<String> late = console.post("/console/admin/replay", "_csrf=0");
        assertThat(late.statusCode()).isEqualTo(401);
        assertThat(late.body()).contains("Sign in first");
    }

    @org.springframework.beans.factory.annotation.Autowired
    ConsoleSessions sessions;

    @Test
    void anonymousVisitsLeaveNoSessionAndTheSignInFormIsStillProtected() throws Exception {
        int before = sessions.sessions();
        for (int i = 0; i < 50; i++) {
            ConsoleClient visitor = new ConsoleClient(port);
            HttpResponse<String> form = visitor.get("/console/sign-in");
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(visitor.cookie("LEDGER_CONSOLE")).isNull();
            assertThat(visitor.cookie("LEDGER_SIGN_IN")).isNotNull();
            assertThat(form.headers().allValues("Set-Cookie").get(0)).contains("HttpOnly").contains("SameSite=Strict")
                    .contains("Path=/console/sign-in");
            assertThat(visitor.get("/console/accounts").statusCode()).isEqualTo(302); // to the sign-in page
        }
        // (other tests' sessions may end meanwhile: the count can only have gone down)
        assertThat(sessions.sessions()).isLessThanOrEqualTo(before);
        // a sign-in without the form's cookie, or with another form's token, is refused and makes no session
        ConsoleClient a = new ConsoleClient(port);
        String tokenA = ConsoleClient.csrf(a.get("/console/sign-in").body());
        ConsoleClient b = new ConsoleClient(port);
        b.get("/console/sign-in");
        assertThat(new ConsoleClient(port).post("/console/sign-in", "_csrf=" + tokenA + "&apiKey=" + Http.OPERATOR)
                .statusCode()).isEqualTo(403);
        assertThat(b.post("/console/sign-in", "_csrf=" + tokenA + "&apiKey=" + Http.OPERATOR).statusCode())
                .isEqualTo(403);
        assertThat(b.cookie("LEDGER_CONSOLE")).isNull();
        assertThat(sessions.sessions()).isLessThanOrEqualTo(before);
        // the form's own cookie and token sign in
        assertThat(a.post("/console/sign-in", "_csrf=" + tokenA + "&apiKey=" + Http.OPERATOR).statusCode())
                .isEqualTo(302);
        assertThat(a.cookie("LEDGER_CONSOLE")).isNotNull();
        assertThat(a.get("/console/accounts").statusCode()).isEqualTo(200);
    }

    @Test
    void signingInEndsASessionPlantedBeforeIt() throws Exception {
        ConsoleClient attacker = new ConsoleClient(port);
        attacker.signIn(Http.OPERATOR);
        String planted = attacker.cookie("LEDGER_CONSOLE");
        ConsoleClient victim = new ConsoleClient(port);
        String token = ConsoleClient.csrf(victim.get("/console/sign-in").body());
        HttpResponse<String> signedIn = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/console/sign-in"))
                .header("Cookie", "LEDGER_CONSOLE=" + planted + "; LEDGER_SIGN_IN=" + victim.cookie("LEDGER_SIGN_IN"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + token + "&apiKey=" + Http.OPERATOR))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String fresh = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(fresh).startsWith("LEDGER_CONSOLE=").doesNotContain(planted);
        assertThat(attacker.get("/console/accounts").statusCode()).isEqualTo(302); // the planted session has ended
    }

    /** One request written by hand (a Host header of our choosing), the whole answer as text. */
    static String raw(int port, String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void forwardedHeadersFromAnUntrustedAddressAndTheHostHeaderChangeNothing() throws Exception {
        String headers = "Host: evil.example\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example\r\n"
                + "X-Forwarded-For: 203.0.113.9\r\nConnection: close\r\n\r\n";
        String redirect = raw(port, "GET /console/accounts HTTP/1.1\r\n" + headers);
        assertThat(redirect).startsWith("HTTP/1.1 302").containsPattern("(?m)^Location: /console/sign-in$")
                .doesNotContain("evil.example");
        String form = raw(port, "GET /console/sign-in HTTP/1.1\r\n" + headers);
        assertThat(form).contains("Set-Cookie: LEDGER_SIGN_IN=").doesNotContain("Secure");
    }
}
