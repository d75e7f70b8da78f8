package com.faceid.ledger.app.console;

import com.faceid.ledger.app.support.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A support agent's day in Chromium: find an account by an inner part of its id in another case, open one, buy a
 * package, switch postpaid, agree a negotiated price (each reviewed before it records, a mistake shown beside its
 * field), check a digest kept earlier; an auditor and a customer get none of the actions and are refused their
 * pages.
 */
@Tag("service")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.test.context=console-actions")
@ActiveProfiles("test")
class OperatorActionsBrowserTest extends BrowserTest {
    static final String ACCOUNT = "shop-Retail-Browser";
    @Override
    void record() {
        ledger.open("own-account", "2026-03-01T10:00:00+08:00"); // the test CUSTOMER key's (opened once only)
    }

    private void review(String id) {
        browser.clickAndWait(browser.find(id));
        assertThat(browser.find("#confirm-summary").isDisplayed()).isTrue();
        browser.clickAndWait(browser.find("#submit")); // "Confirm: …"
    }

    @Test
    void anOperatorOpensFindsBuysSwitchesAndAgreesAPrice() {
        browser.signIn(Http.OPERATOR);
        browser.go("/console/accounts");
        browser.clickAndWait(browser.find("#open-account"));
        browser.find("#accountId").sendKeys(ACCOUNT);
        review("#submit");
        assertThat(browser.path()).isEqualTo("/console/accounts/" + ACCOUNT);
        assertThat(browser.text(".notice")).startsWith("Opened account " + ACCOUNT);

        // any part of the id, any case: one match goes straight to the account
        browser.go("/console/accounts");
        browser.find("#q").sendKeys("RETAIL-brow");
        browser.clickAndWait(browser.find("form[role=search] button"));
        assertThat(browser.path()).isEqualTo("/console/accounts/" + ACCOUNT);

        // a size the catalog does not sell: refused beside the field, what was typed kept
        browser.clickAndWait(browser.find("#buy"));
        new Select(browser.find("#service")).selectByValue("PHOTO_VERIFICATION");
        browser.find("#size").sendKeys("123");
        browser.clickAndWait(browser.find("#submit"));
        browser.clickAndWait(browser.find("#submit"));
        assertThat(browser.text("#size-error")).isNotBlank();
        assertThat(browser.find("#size").getAttribute("value")).isEqualTo("123");
        browser.find("#size").clear();
        browser.find("#size").sendKeys("1000");
        review("#submit");
        assertThat(browser.text(".notice")).startsWith("Bought package PKG-");
        assertThat(browser.text("#packages")).containsPattern("PKG-\\d+ PURCHASED Photo verification \\S+ PHOTO_VERIFICATION"
                + " ACTIVE 1000 0 1000");

        browser.clickAndWait(browser.find("#switch-postpaid"));
        assertThat(browser.text("#confirm-summary")).contains("off");
        browser.fitsAndShoot("postpaid-confirm");
        browser.clickAndWait(browser.find("#submit"));
        assertThat(browser.text(".notice")).startsWith("Postpaid is off");

        browser.clickAndWait(browser.find("#agree-price"));
        new Select(browser.find("#service")).selectByValue("ID_VERIFICATION");
        browser.find("#unitPrice").sendKeys("0.35");
        browser.find("#agreedBy").sendKeys("Li Lei");
        review("#submit");
        assertThat(browser.text(".notice")).startsWith("Agreed ¥0.35 a call for ID check from 2026-04");
        assertThat(ledger.http.get("/api/v1/accounts/" + ACCOUNT + "/events?type=NegotiatedPriceAgreed").json()
                .path("events")).hasSize(1);
        browser.signOut();
    }

    @Test
    void aDigestKeptEarlierIsCheckedAndATamperedOneIsNot() {
        ledger.open("digest-browser", "2026-03-01T10:00:00+08:00");
        browser.signIn("test-auditor-secret");
        browser.go("/console/accounts/digest-browser/digest");
        String sequence = browser.text("#head-sequence");
        String hash = browser.text("#head-hash");
        browser.find("#sequence").sendKeys(sequence);
        browser.find("#hash").sendKeys(hash);
        browser.clickAndWait(browser.find("section[aria-labelledby=check-h] button[type=submit]"));
        assertThat(browser.text("#check-result")).startsWith("Consistent.");
        browser.find("#sequence").clear();
        browser.find("#sequence").sendKeys(sequence);
        browser.find("#hash").clear();
        browser.find("#hash").sendKeys((hash.charAt(0) == 'a' ? "b" : "a") + hash.substring(1));
        browser.clickAndWait(browser.find("section[aria-labelledby=check-h] button[type=submit]"));
        assertThat(browser.text("#check-result")).startsWith("Not consistent.");
        browser.signOut();
    }

    @Test
    void anAuditorAndACustomerGetNoActionAndAreRefusedTheirPages() {
        for (String key : new String[]{"test-auditor-secret", "test-customer-secret"}) {
            browser.forget();
            browser.signIn(key);
            browser.go("/console/accounts/own-account");
            assertThat(browser.all("#buy, #switch-postpaid, #agree-price, #open-account")).as(key).isEmpty();
            for (String page : new String[]{"/console/accounts/new", "/console/accounts/own-account/packages/new",
                    "/console/accounts/own-account/prices/new"}) {
                browser.go(page);
                assertThat(browser.find("main").getText()).as(key + " " + page).contains("403");
                assertThat(browser.all("#submit")).as(key + " " + page).isEmpty();
            }
        }
    }
}
