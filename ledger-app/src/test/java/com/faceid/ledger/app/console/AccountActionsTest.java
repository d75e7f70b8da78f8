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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's actions from the console: open an account, buy a package, switch postpaid. Each is confirmed
 * before anything is recorded, is refused by the same rules as over the API with the refusal beside its field
 * and what was typed kept, and is refused to the roles that may not do it.
 */
@Tag("service")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AccountActionsTest {
    @LocalServerPort
    int port;

    private static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    @Test
    void anOperatorOpensAnAccountBuysAPackageAndSwitchesPostpaidEachConfirmedFirst() throws Exception {
        Http api = new Http(port);
        ConsoleClient console = new ConsoleClient(port);
        console.signIn(Http.OPERATOR);
        String csrf = ConsoleClient.csrf(console.get("/console/accounts/new").body());

        HttpResponse<String> review = console.post("/console/accounts/new",
                form("_csrf", csrf, "accountId", "act-1", "openedAt", "", "postpaid", "on"));
        assertThat(review.statusCode()).isEqualTo(200);
        assertThat(review.body()).contains("id=\"confirm-summary\"").contains("Confirm: open the account");
        assertThat(api.get("/api/v1/accounts/act-1").status()).as("nothing before the confirmation").isEqualTo(404);
        HttpResponse<String> opened = console.post("/console/accounts/new",
                form("_csrf", csrf, "accountId", "act-1", "openedAt", "", "postpaid", "on", "confirmed", "yes"));
        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(opened.headers().firstValue("Location").orElseThrow()).endsWith("/console/accounts/act-1");
        assertThat(api.get("/api/v1/accounts/act-1").json().path("postpaidEnabled").asBoolean()).isTrue();

        // the API's refusals, beside their fields, with what was typed kept
        String again = console.post("/console/accounts/new", form("_csrf", csrf, "accountId", "act-1", "openedAt", "",
                "postpaid", "on", "confirmed", "yes")).body();
        assertThat(again).contains("id=\"accountId-error\"").contains("already exists").contains("value=\"act-1\"");
        String bad = console.post("/console/accounts/new", form("_csrf", csrf, "accountId", "act 2",
                "openedAt", "2026-13-40T99:00", "postpaid", "off")).body();
        assertThat(bad).contains("id=\"openedAt-error\"").contains("value=\"2026-13-40T99:00\"")
                .doesNotContain("id=\"confirm-summary\"");
        String badId = console.post("/console/accounts/new", form("_csrf", csrf, "accountId", "act 2",
                "openedAt", "", "postpaid", "off", "confirmed", "yes")).body();
        assertThat(badId).contains("id=\"accountId-error\"").contains("value=\"act 2\"");
        assertThat(api.get("/api/v1/accounts/act%202").status()).isIn(400, 404);

        String buyPage = console.get("/console/accounts/act-1/packages/new").body();
        assertThat(buyPage).contains("Photo verification 照片人脸核身").contains("<option value=\"1000\">");
        String notSold = console.post("/console/accounts/act-1/packages/new", form("_csrf", csrf, "purchaseId", "po-a1",
                "service", "PHOTO_VERIFICATION", "size", "123", "purchasedAt", "", "confirmed", "yes")).body();
        assertThat(notSold).contains("id=\"size-error\"").contains("value=\"123\"");
        HttpResponse<String> bought = console.post("/console/accounts/act-1/packages/new", form("_csrf", csrf,
                "purchaseId", "po-a1", "service", "PHOTO_VERIFICATION", "size", "1000", "purchasedAt", "",
                "confirmed", "yes"));
        assertThat(bought.statusCode()).isEqualTo(302);
        assertThat(api.get("/api/v1/accounts/act-1/packages").text()).contains("\"purchaseId\":\"po-a1\"");

        String confirm = console.post("/console/accounts/act-1/postpaid", form("_csrf", csrf, "enabled", "off")).body();
        assertThat(confirm).contains("Confirm: postpaid off");
        assertThat(api.get("/api/v1/accounts/act-1").json().path("postpaidEnabled").asBoolean()).isTrue();
        assertThat(console.post("/console/accounts/act-1/postpaid", form("_csrf", csrf, "enabled", "off",
                "confirmed", "yes")).statusCode()).isEqualTo(302);
        assertThat(api.get("/api/v1/accounts/act-1").json().path("postpaidEnabled").asBoolean()).isFalse();

        // a negotiated price: the form's mistakes beside their fields, then a review, then the event
        assertThat(console.get("/console/accounts/act-1").body()).contains("id=\"agree-price\"");
        assertThat(console.get("/console/accounts/act-1/prices/new").body()).contains("value=\"2026-04\"")
                .contains("Bank card check");
        String badPrice = console.post("/console/accounts/act-1/prices/new", form("_csrf", csrf, "service",
                "PHOTO_VERIFICATION", "unitPrice", "-1", "effectiveFrom", "2026-04", "agreedBy", "Li Lei",
                "confirmed", "yes")).body();
        assertThat(badPrice).contains("id=\"unitPrice-error\"").contains("unitPrice must be positive")
                .contains("value=\"-1\"").contains("value=\"Li Lei\"");
        String blanks = console.post("/console/accounts/act-1/prices/new", form("_csrf", csrf, "service", "",
                "unitPrice", "0.35", "effectiveFrom", "2026-4", "agreedBy", "")).body();
        assertThat(blanks).contains("id=\"service-error\"").contains("id=\"effectiveFrom-error\"")
                .contains("id=\"agreedBy-error\"").doesNotContain("id=\"confirm-summary\"");
        String review2 = console.post("/console/accounts/act-1/prices/new", form("_csrf", csrf, "service",
                "PHOTO_VERIFICATION", "unitPrice", "0.35", "effectiveFrom", "2026-04", "agreedBy", "Li Lei")).body();
        assertThat(review2).contains("id=\"confirm-summary\"").contains("¥0.35 a call");
        String prices = "/api/v1/accounts/act-1/events?type=NegotiatedPriceAgreed";
        assertThat(api.get(prices).json().path("events")).as("nothing before the confirmation").isEmpty();
        HttpResponse<String> agreed = console.post("/console/accounts/act-1/prices/new", form("_csrf", csrf,
                "service", "PHOTO_VERIFICATION", "unitPrice", "0.35", "effectiveFrom", "2026-04", "agreedBy",
                "Li Lei", "confirmed", "yes"));
        assertThat(agreed.statusCode()).isEqualTo(302);
        assertThat(api.get(prices).json().path("events")).hasSize(1);
        assertThat(api.get(prices).json().path("events").get(0).path("payload").path("unitPrice").decimalValue())
                .isEqualByComparingTo("0.35");
    }

    @Test
    void theOtherRolesAreRefusedEveryAction() throws Exception {
        for (String key : new String[]{"test-auditor-secret", "test-customer-secret"}) {
            ConsoleClient console = new ConsoleClient(port);
            console.signIn(key);
            assertThat(console.get("/console/accounts/new").statusCode()).as(key).isEqualTo(403);
            assertThat(console.get("/console/accounts/own-account/packages/new").statusCode()).as(key).isEqualTo(403);
            assertThat(console.get("/console/accounts/own-account/prices/new").statusCode()).as(key).isEqualTo(403);
            assertThat(console.post("/console/accounts/own-account/prices/new", form("_csrf",
                    ConsoleClient.csrf(console.get("/console/accounts/own-account").body()), "service",
                    "PHOTO_VERIFICATION", "unitPrice", "0.35", "effectiveFrom", "2026-04", "agreedBy", "x",
                    "confirmed", "yes")).statusCode()).as(key).isEqualTo(403);
            String page = console.get("/console/accounts/own-account").body();
            assertThat(page).doesNotContain("id=\"buy\"").doesNotContain("id=\"switch-postpaid\"")
                    .doesNotContain("id=\"agree-price\"");
        }
    }
}
