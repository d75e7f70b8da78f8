package com.faceid.ledger.app.console;

import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks from the console in a real browser, per role, against a real receiver: an operator creates one (its
 * secret shown once), sends it a test event, retries a failed delivery from the delivery log and deletes one after a
 * confirmation; a customer manages its own account's webhooks only; an auditor reads and may do nothing.
 */
@Tag("service")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.test.context=webhook-pages", "ledger.webhooks.allow-private=true", "ledger.webhooks.poll=PT0.1S"})
@ActiveProfiles("test")
class WebhookPagesTest extends BrowserTest {
    static final String AUDITOR = "test-auditor-secret";
    static final String CUSTOMER = "test-customer-secret";
    WebhookReceiver receiver;

    @Override
    void record() {
        try {
            receiver = new WebhookReceiver();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ledger.open("own-account", "2026-03-01T10:00:00+08:00");
        ledger.open("hook-other", "2026-03-01T10:00:00+08:00");
    }

    @AfterAll
    void stopTheReceiver() {
        receiver.close();
    }

    /** Fills the new-webhook form and submits it. */
    private void create(String path, String account, String... events) {
        browser.go("/console/webhooks");
        browser.find("#url").sendKeys(receiver.url(path));
        for (String e : events) {
            browser.find("#events input[value='" + e + "']").click();
        }
        if (account != null) {
            browser.find("#accountId").sendKeys(account);
        }
        browser.clickAndWait(browser.find("#submit"));
    }

    private WebElement row(String webhookId) {
        return browser.find("#webhooks tr[data-webhook='" + webhookId + "']");
    }

    @Test
    void anOperatorCreatesTestsRetriesAndDeletesAWebhook() {
        browser.signIn(Http.OPERATOR);
        // a mistake is shown beside its field, with what was chosen kept
        browser.go("/console/webhooks");
        browser.find("#events input[value='package.expired']").click();
        browser.clickAndWait(browser.find("#submit"));
        assertThat(browser.text("#url-error")).startsWith("url is required");
        assertThat(browser.find("#events input[value='package.expired']").isSelected()).isTrue();

        create("/ops", null, "package.expired", "statement.closed");
        String secret = browser.text("#secret");
        String id = browser.text("#created-h span");
        assertThat(secret).isNotBlank();
        assertThat(row(id).getText()).contains(receiver.url("/ops")).contains("package.expired, statement.closed")
                .contains("every account");
        browser.fitsAndShoot("webhooks");
        browser.go("/console/webhooks");
        assertThat(browser.find("main").getText()).as("the secret is shown once").doesNotContain(secret);

        // a test event, sent at once: the receiver has it, the delivery log says so
        browser.clickAndWait(row(id).findElement(By.cssSelector("button.test")));
        assertThat(browser.path()).isEqualTo("/console/webhooks/" + id);
        assertThat(browser.text(".notice")).startsWith("Test event sent").contains("succeeded (HTTP 200)");
        assertThat(receiver.at("/ops")).hasSize(1);
        assertThat(receiver.at("/ops").get(0).type()).isEqualTo("webhook.test");
        assertThat(browser.text("#deliveries tbody tr .status")).isEqualTo("SUCCEEDED");

        // a receiver that fails the first time: the delivery waits for its next try; retry sends it now
        receiver.answer("/flaky", attempt -> attempt == 1 ? 500 : 200);
        create("/flaky", "hook-other", "calls.refused");
        String flaky = browser.text("#created-h span");
        browser.clickAndWait(row(flaky).findElement(By.cssSelector("button.test")));
        assertThat(browser.text(".notice")).contains("pending (HTTP 500)");
        WebElement delivery = browser.find("#deliveries tbody tr");
        assertThat(delivery.getText()).contains("PENDING").contains("HTTP 500").contains("+08:00");
        browser.clickAndWait(delivery.findElement(By.cssSelector("button.retry")));
        assertThat(browser.text(".notice")).contains("succeeded (HTTP 200)");
        assertThat(browser.text("#deliveries tbody tr .status")).isEqualTo("SUCCEEDED");
        assertThat(receiver.at("/flaky")).hasSize(2).extracting(WebhookReceiver.Received::eventId).containsOnly(
                receiver.at("/flaky").get(0).eventId());
        browser.fitsAndShoot("webhook");

        // deleted only after the confirmation
        browser.go("/console/webhooks");
        row(flaky).findElement(By.cssSelector("details.confirm summary")).click();
        browser.clickAndWait(row(flaky).findElement(By.cssSelector("button.delete")));
        assertThat(browser.text(".notice")).startsWith("Deleted webhook " + flaky);
        assertThat(browser.all("#webhooks tr[data-webhook='" + flaky + "']")).isEmpty();
        assertThat(ledger.http.get("/api/v1/webhooks/" + flaky).status()).isEqualTo(404);
    }

    @Test
    void aCustomerManagesItsOwnWebhooksAndAnAuditorOnlyReads() throws Exception {
        Http api = new Http(port);
        String othersHook = api.post("/api/v1/webhooks", "{\"url\":\"" + receiver.url("/other") + "\","
                + "\"events\":[\"package.expired\"],\"accountId\":\"hook-other\"}").json().path("webhookId").asText();
        // over the API too: the test event goes to that webhook only, and is nothing a webhook can subscribe to
        var sent = api.post("/api/v1/webhooks/" + othersHook + "/test", "").json();
        assertThat(sent.path("type").asText()).isEqualTo("webhook.test");
        assertThat(sent.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(sent.path("accountId").asText()).isEqualTo("hook-other");
        assertThat(receiver.at("/other")).hasSize(1);
        assertThat(receiver.at("/other").get(0).body()).contains("\"webhookId\":\"" + othersHook + "\"");
        assertThat(api.post("/api/v1/webhooks", "{\"url\":\"" + receiver.url("/x") + "\","
                + "\"events\":[\"webhook.test\"]}").status()).isEqualTo(400);

        browser.signIn(CUSTOMER);
        create("/mine", null, "package.depleted");
        String mine = browser.text("#created-h span");
        assertThat(browser.all("#accountId")).as("a customer's webhooks are for its own account").isEmpty();
        assertThat(row(mine).getText()).contains("own-account");
        assertThat(browser.all("#webhooks tr[data-webhook='" + othersHook + "']")).isEmpty();
        browser.clickAndWait(row(mine).findElement(By.cssSelector("button.test")));
        assertThat(browser.text(".notice")).contains("succeeded");
        browser.go("/console/webhooks/" + othersHook);
        assertThat(browser.find("main").getText()).doesNotContain(receiver.url("/other"));
        browser.signOut();

        browser.signIn(AUDITOR);
        browser.go("/console/webhooks");
        assertThat(browser.all("#webhooks tr[data-webhook]")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.all("#submit")).as("an auditor creates nothing").isEmpty();
        assertThat(browser.all("button.test, button.delete")).isEmpty();
        browser.go("/console/webhooks/" + mine);
        assertThat(browser.all("button.retry, #send-test")).isEmpty();
        browser.signOut();

        ConsoleClient auditor = new ConsoleClient(port);
        auditor.signIn(AUDITOR);
        String csrf = ConsoleClient.csrf(auditor.get("/console/webhooks").body());
        assertThat(auditor.post("/console/webhooks/" + mine + "/test", "_csrf=" + csrf).statusCode()).isEqualTo(403);
        assertThat(auditor.post("/console/webhooks", "_csrf=" + csrf + "&events=package.expired&url="
                + URLEncoder.encode(receiver.url("/auditor"), StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);
        assertThat(receiver.at("/mine")).hasSize(1);
    }
}
