package com.faceid.ledger.app.console;

import com.faceid.ledger.app.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (headless Chromium): sign-in for each role, a customer kept to its account, the
 * account page's figures for a known history, a dispute walked from request id to adjustment to statement, and
 * CSRF. The history: {@code own-account} (the test CUSTOMER key's) opened 1 March 2026 with its free grants (50
 * liveness checks among them), a 1,000-call liveness package bought 2 March, 120 liveness calls on 5 March (50
 * from the free grant, 70 from the package), and one hold alive now. The ledger clock stands at 1 April, noon, when
 * the account and package are recorded, and at 12:10 when the calls and the hold are.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.test.context=console")
@ActiveProfiles("test")
class ConsoleBrowserTest extends BrowserTest {
    static final String OPERATOR = Http.OPERATOR;
    static final String AUDITOR = "test-auditor-secret";
    static final String CUSTOMER = "test-customer-secret";
    static final String METER = "test-meter-secret";
    static final String ACCOUNT = "own-account";
    static final String OTHER = "other-account";
    @Override
    void record() {
        ledger.open(ACCOUNT, "2026-03-01T10:00:00+08:00");
        ledger.open(OTHER, "2026-03-01T10:00:00+08:00");
        assertThat(ledger.buy(ACCOUNT, "po-1", "LIVENESS_VERIFICATION", 1000, "2026-03-02T09:00:00+08:00").status())
                .isEqualTo(201);
        // what follows is recorded ten minutes later, so "as of 12:05" sees the package still whole
        assertThat(ledger.http.post("/api/v1/admin/clock", "{\"now\":\"2026-04-01T12:10:00+08:00\"}").status())
                .isEqualTo(200);
        ledger.calls(ACCOUNT, "LIVENESS_VERIFICATION", 119, "2026-03-05T10:00:00+08:00", "c-");
        assertThat(ledger.call(ACCOUNT, "dispute-call-1", "LIVENESS_VERIFICATION", "2026-03-05T11:00:00+08:00")
                .status()).isEqualTo(201);
        assertThat(ledger.call(OTHER, "other-call", "LIVENESS_VERIFICATION", "2026-03-05T11:00:00+08:00")
                .status()).isEqualTo(201);
        assertThat(ledger.http.post("/api/v1/accounts/" + ACCOUNT + "/holds",
                "{\"holdId\":\"h-1\",\"service\":\"LIVENESS_VERIFICATION\"}").status()).isEqualTo(201);
    }

    @Test
    void eachRoleSignsInToWhatItMaySee() {
        browser.signIn(OPERATOR);
        assertThat(browser.path()).isEqualTo("/console/accounts");
        assertThat(browser.all("table tbody tr td:first-child a")).extracting(WebElement::getText)
                .contains(ACCOUNT, OTHER);
        browser.screenshot("accounts");
        browser.signOut();
        assertThat(browser.path()).isEqualTo("/console/sign-in");
        browser.go("/console/accounts");
        assertThat(browser.path()).as("signed out: back to the sign-in page").isEqualTo("/console/sign-in");

        browser.signIn(AUDITOR);
        assertThat(browser.path()).isEqualTo("/console/accounts");
        browser.go("/console/accounts/" + ACCOUNT + "/calls/dispute-call-1");
        assertThat(browser.text("#charged-to")).isEqualTo("PURCHASED");
        assertThat(browser.all("form[action$='/adjustments']")).as("an auditor reads, it records nothing").isEmpty();
        browser.signOut();

        browser.signIn(CUSTOMER);
        assertThat(browser.path()).isEqualTo("/console/accounts/" + ACCOUNT);
        assertThat(browser.text("header .who")).isEqualTo("test-customer · CUSTOMER");
        browser.signOut();

        browser.signIn(METER);
        assertThat(browser.text(".error")).contains("METER key only meters");
        browser.signIn("not-a-key");
        assertThat(browser.text(".error")).contains("not known");
        assertThat(browser.path()).isEqualTo("/console/sign-in");
    }

    @Test
    void aCustomerCannotReachAnotherAccountByEditingTheUrl() {
        browser.signIn(CUSTOMER);
        for (String path : List.of("/console/accounts/" + OTHER, "/console/accounts/" + OTHER + "/statements/2026-03",
                "/console/accounts/" + OTHER + "/calls/other-call", "/console/accounts/" + OTHER + "/events",
                "/console/accounts", "/console/admin", "/console/admin/clock",
                "/console/accounts/" + OTHER + "/what-if", "/console/accounts/" + OTHER + "/advice",
                // an account that does not exist is no different: its existence is not a customer's business
                "/console/accounts/no-such-account", "/console/accounts/no-such-account/statements")) {
            browser.go(path);
            assertThat(browser.text("h1")).as(path).isEqualTo("403 Not yours to see");
            assertThat(browser.all("#charged-to, #services, #lines, #events, #timeline")).as(path).isEmpty();
        }
        // looking a request id up stays in its own account
        browser.go("/console/calls?requestId=other-call");
        assertThat(browser.path()).isEqualTo("/console/accounts/" + ACCOUNT + "/calls/other-call");
        assertThat(browser.text("h1")).startsWith("404");
        browser.signOut();
    }

    @Test
    void theAccountPageShowsTheFiguresOfTheHistory() {
        browser.signIn(CUSTOMER);
        browser.go("/console/accounts/" + ACCOUNT);
        WebElement liveness = browser.find("#services tr[data-service=LIVENESS_VERIFICATION]");
        // 1,000 bought, 70 used, 1 held: 929 left to pay for other calls
        assertThat(liveness.getText()).contains("Liveness verification 活体人脸核身");
        assertThat(liveness.findElement(org.openqa.selenium.By.cssSelector(".remaining")).getText()).isEqualTo("929");
        assertThat(liveness.findElement(org.openqa.selenium.By.cssSelector(".held")).getText()).isEqualTo("1");
        WebElement bought = browser.find("#packages tr[data-package] td:first-child code");
        List<WebElement> rows = browser.all("#packages tr[data-package]");
        WebElement purchased = rows.stream().filter(r -> r.getText().contains("PURCHASED")).findFirst().orElseThrow();
        assertThat(purchased.findElement(org.openqa.selenium.By.cssSelector(".used")).getText()).isEqualTo("70");
        assertThat(purchased.findElement(org.openqa.selenium.By.cssSelector(".remaining")).getText()).isEqualTo("930");
        assertThat(bought).isNotNull();
        // calls per day: 120 liveness calls on 5 March, nothing on the other days
        List<WebElement> bars = browser.all("figure.chart svg.bars rect");
        assertThat(bars).hasSize(1);
        assertThat(bars.get(0).findElement(org.openqa.selenium.By.tagName("title")).getAttribute("textContent"))
                .isEqualTo("2026-03-05: 120 calls");
        // the package burns down: 930 left of 1,000
        String burn = browser.all("figure.chart[data-package] figcaption").stream().map(WebElement::getText)
                .filter(t -> t.contains("of 1000 left")).findFirst().orElseThrow();
        // the pace: 70 used in the last 30 days (3 to 1 April), 2.3 a day; 930 left last ceil(930 / (70/30)) = 399
        // days, to 5 May 2027: after the package expires (a year after its purchase), so the page warns
        assertThat(burn).contains("930 of 1000 left").contains("(2.3 a day)").contains("2027-05-05")
                .contains("after it expires");
        browser.screenshot("account");
        browser.screenshotAt("account-phone", 390);
        // as recorded at 12:05 (before any call was) the package had all its 1,000 units
        browser.go("/console/accounts/" + ACCOUNT + "?asOf=2026-04-01T12:05:00");
        WebElement then = browser.all("#packages tr[data-package]").stream()
                .filter(r -> r.getText().contains("PURCHASED")).findFirst()
                .orElseThrow(() -> new AssertionError(browser.driver.getPageSource()));
        assertThat(then.findElement(org.openqa.selenium.By.cssSelector(".remaining")).getText()).isEqualTo("1000");
        // the page says so wherever it shows a figure, and leaves out what is true only now
        assertThat(browser.text("#left-h")).isEqualTo("Calls left as of 2026-04-01 12:05:00 +08:00");
        assertThat(browser.text("#packages-h")).isEqualTo("Packages as of 2026-04-01 12:05:00 +08:00");
        assertThat(browser.all("#tiers-h, #daily-h, #burn-h, #alerts-h")).isEmpty();
        assertThat(browser.text("#as-of-note")).contains("true only now");
        browser.signOut();
    }

    @Test
    void serviceNamesReadInEnglishFirstAndTheChineseBesideThemRenders() {
        browser.signIn(CUSTOMER);
        browser.go("/console/accounts/" + ACCOUNT);
        WebElement name = browser.find("#services tr[data-service=LIVENESS_VERIFICATION] .service-name");
        assertThat(name.getText()).isEqualTo("Liveness verification 活体人脸核身");
        // drawn with the page's own fonts: two different characters, and a character against the box of a
        // code point no font has, give different pixels only when a font on the machine has the glyphs
        // (.ci/run installs fonts-wqy-zenhei; without a CJK font all three are the same missing-glyph box)
        @SuppressWarnings("unchecked")
        List<Boolean> drawn = (List<Boolean>) ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "const family = getComputedStyle(arguments[0]).fontFamily;"
                        + "function px(ch) { const c = document.createElement('canvas'); c.width = 48; c.height = 48;"
                        + " const g = c.getContext('2d'); g.font = '40px ' + family; g.fillText(ch, 2, 40);"
                        + " return c.toDataURL(); }"
                        + "return [px('\u6d3b') !== px('\u4f53'), px('\u6d3b') !== px('\u0378'),"
                        + " px('\u6838') !== px('\u0378')];", name);
        assertThat(drawn).as("活 vs 体, 活 vs a missing glyph, 核 vs a missing glyph").containsOnly(true);
        browser.signOut();
    }

    /** Every page of the console, by the name its screenshots carry in docs/console/ ({name}-1280.png, -390.png). */
    static final java.util.Map<String, String> PAGES = new java.util.LinkedHashMap<>();

    static {
        PAGES.put("accounts", "/console/accounts");
        PAGES.put("search", "/console/accounts?q=account");
        PAGES.put("account", "/console/accounts/" + ACCOUNT);
        PAGES.put("statements", "/console/accounts/" + ACCOUNT + "/statements");
        PAGES.put("statement", "/console/accounts/" + ACCOUNT + "/statements/2026-03");
        PAGES.put("history", "/console/accounts/" + ACCOUNT + "/events");
        PAGES.put("digest", "/console/accounts/" + ACCOUNT + "/digest");
        PAGES.put("advice", "/console/accounts/" + ACCOUNT + "/advice");
        PAGES.put("what-if", "/console/accounts/" + ACCOUNT + "/what-if");
        PAGES.put("find-a-call", "/console/calls");
        PAGES.put("call", "/console/accounts/" + ACCOUNT + "/calls/dispute-call-1");
        PAGES.put("call-not-found", "/console/calls?requestId=no-such-call");
        PAGES.put("audit", "/console/admin");
        PAGES.put("clock", "/console/admin/clock");
        PAGES.put("open-account", "/console/accounts/new");
        PAGES.put("buy-package", "/console/accounts/" + ACCOUNT + "/packages/new");
        PAGES.put("negotiated-price", "/console/accounts/" + ACCOUNT + "/prices/new");
        PAGES.put("not-found", "/console/accounts/no-such-account");
    }

    @Test
    void noPageIsWiderThanAPhoneOrALaptop() {
        browser.signIn(OPERATOR);
        for (var page : PAGES.entrySet()) {
            browser.go(page.getValue());
            browser.fitsAndShoot(page.getKey());
        }
        browser.signOut();
        browser.fitsAndShoot("sign-in");
    }

    @Test
    void aDisputeWalksFromRequestIdToAnAdjustmentAndBackToTheStatement() {
        browser.signIn(OPERATOR);
        browser.go("/console/accounts/" + ACCOUNT + "/statements/2026-03");
        BigDecimal totalBefore = new BigDecimal(browser.text("#total"));
        browser.go("/console/calls");
        browser.find("#requestId").sendKeys("dispute-call-1");
        browser.clickAndWait(browser.find("main form button"));
        assertThat(browser.path()).isEqualTo("/console/accounts/" + ACCOUNT + "/calls/dispute-call-1");
        assertThat(browser.text("#explanation")).contains("paid by purchased package");
        assertThat(browser.text("#timeline")).contains("went from 931 to 930 left");
        browser.screenshot("call");

        browser.find("#amount").sendKeys("-1.00");
        browser.find("#reason").sendKeys("customer reported a duplicate charge");
        browser.clickAndWait(browser.find("form[action$='/adjustments'] button"));
        assertThat(browser.text(".notice")).contains("Recorded adjustment").contains("-1.00").contains("2026-03");
        WebElement cited = browser.find("#timeline li.adjustment");
        assertThat(cited.getText()).contains("-1.00").contains("customer reported a duplicate charge")
                .contains("test-operator");

        browser.clickAndWait(cited.findElement(org.openqa.selenium.By.tagName("a")));
        assertThat(browser.path()).isEqualTo("/console/accounts/" + ACCOUNT + "/statements/2026-03");
        assertThat(browser.text("#adjustments")).contains("-1.00").contains("dispute-call-1");
        assertThat(new BigDecimal(browser.text("#total"))).isEqualByComparingTo(totalBefore.subtract(BigDecimal.ONE));
        assertThat(browser.text("#adjustment-total")).isEqualTo("-1.00");
        browser.screenshot("statement");
        // the same figures as the API's statement
        JsonNode api = ledger.statement(ACCOUNT, "2026-03");
        assertThat(api.path("totalSpend").asText()).isEqualTo(browser.text("#total"));

        browser.go("/console/accounts/" + ACCOUNT + "/events?type=AdjustmentRecorded");
        assertThat(browser.all("#timeline li")).hasSize(1);
        assertThat(browser.text("#timeline li .sentence")).startsWith("Adjustment ").contains("-¥1.00 on 2026-03")
                .contains("dispute-call-1");
        browser.go("/console/accounts/" + ACCOUNT + "/events");
        // newest first, each time in the billing zone with its offset; the raw event opens under its sentence
        java.util.List<Long> order = browser.all("#timeline li").stream()
                .map(li -> Long.valueOf(li.getAttribute("data-sequence"))).toList();
        assertThat(order).hasSizeGreaterThan(1).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(browser.all("#timeline time")).allSatisfy(t -> assertThat(t.getText()).endsWith("+08:00"));
        org.openqa.selenium.WebElement raw = browser.find("#timeline li details");
        assertThat(raw.findElement(org.openqa.selenium.By.tagName("code")).isDisplayed()).isFalse();
        raw.findElement(org.openqa.selenium.By.tagName("summary")).click();
        assertThat(raw.findElement(org.openqa.selenium.By.tagName("code")).getText()).contains("\"accountId\"");
        browser.screenshot("history");
        browser.go("/console/admin?verify=true");
        assertThat(browser.text("#verify-result")).contains("no difference");
        browser.screenshot("audit");
        browser.signOut();

        // the customer reads the same timeline, the adjustment's author as a role, never a key id
        browser.signIn(CUSTOMER);
        browser.go("/console/accounts/" + ACCOUNT + "/events?type=AdjustmentRecorded");
        assertThat(browser.text("#timeline li .sentence")).contains("by operator:").doesNotContain("test-operator");
        browser.find("#timeline li details summary").click();
        assertThat(browser.text("#timeline li details code")).contains("\"actor\":\"operator\"")
                .doesNotContain("test-operator");
        browser.signOut();
    }

    @Test
    void aCustomerAsksWhatASecondPackageWouldHaveCost() {
        browser.signIn(CUSTOMER);
        browser.go("/console/accounts/" + ACCOUNT + "/what-if");
        new org.openqa.selenium.support.ui.Select(browser.find("#service")).selectByValue("LIVENESS_VERIFICATION");
        browser.find("#size").sendKeys("1000");
        // a datetime-local field is typed through the browser's own picker; the test sets its value directly
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "arguments[0].value = '2026-03-03T10:00:00'", browser.find("#purchasedAt"));
        browser.find("#to").sendKeys("2026-03");
        browser.clickAndWait(browser.find("main form button"));
        // the calls are paid as before (the free grant, then the older package): the second package only costs
        String price = ledger.statement(ACCOUNT, "2026-03").path("purchases").get(0).path("price").asText();
        assertThat(browser.text("#what-if-total strong")).isEqualTo("¥" + price + " more");
        assertThat(browser.all("#what-if-months tbody tr")).hasSize(1);
        // the API's limits hold in the form too: a package beyond the largest size is refused, nothing computed
        browser.go("/console/accounts/" + ACCOUNT + "/what-if?service=LIVENESS_VERIFICATION&size=200000000"
                + "&purchasedAt=2026-03-03T10:00:00");
        assertThat(browser.text("h1")).isEqualTo("400 Validation failed");
        assertThat(browser.text("main p[role=alert]")).contains("VALIDATION_FAILED").contains("size");
        browser.signOut();
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        browser.signIn(OPERATOR);
        String session = browser.cookie("LEDGER_CONSOLE");
        assertThat(session).isNotNull();
        HttpClient client = HttpClient.newHttpClient();
        int adjustmentsBefore = ledger.statement(ACCOUNT, "2026-03").path("adjustments").size();
        String form = "adjustmentId=csrf-1&month=2026-03&amount=-5.00&reason=forged";
        for (String body : List.of(form, form + "&_csrf=0123456789abcdef")) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/console/accounts/" + ACCOUNT + "/calls/dispute-call-1/adjustments"))
                    .header("Cookie", "LEDGER_CONSOLE=" + session)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(body).isEqualTo(403);
            assertThat(r.body()).contains("CSRF token is missing or stale");
        }
        assertThat(ledger.statement(ACCOUNT, "2026-03").path("adjustments").size()).isEqualTo(adjustmentsBefore);
        // the session itself still works: only the forged form was refused
        browser.go("/console/accounts/" + ACCOUNT);
        assertThat(browser.text("#account-id")).isEqualTo(ACCOUNT);
        browser.signOut();
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndScopedToTheConsole() throws Exception {
        ConsoleClient client = new ConsoleClient(port);
        HttpResponse<String> form = client.get("/console/sign-in");
        assertThat(form.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
        assertThat(form.headers().firstValue("Cache-Control").orElseThrow()).isEqualTo("no-store");
        HttpResponse<String> signedIn = client.post("/console/sign-in", "_csrf=" + ConsoleClient.csrf(form.body())
                + "&apiKey=" + OPERATOR);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("LEDGER_CONSOLE=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/console").doesNotContain("Secure"); // plain HTTP here; Tomcat adds Secure on TLS
        // (a session planted before sign-in is worth nothing after it: ConsoleSessionTest)
    }
}
