package com.faceid.ledger.app.console;

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

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding anything by any part of it: accounts by any part of the id in any case (a space or a LIKE wildcard is
 * just text), over the API ({@code ?q=}) and in the console's one search box, which also opens a package by its
 * id or purchase id and a call by its request id, and counts in English.
 */
@Tag("service")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchTest {
    @LocalServerPort
    int port;
    Ledger ledger;

    @BeforeAll
    void accounts() {
        ledger = new Ledger(new Http(port));
        for (String a : new String[]{"demo-retail", "Retail_EU", "wholesale", "s-search-1"}) {
            ledger.open(a, "2026-03-01T09:00:00+08:00");
        }
        assertThat(ledger.buy("wholesale", "po-find-77", "PHOTO_VERIFICATION", 1000, "2026-03-05T09:00:00+08:00")
                .status()).isEqualTo(201);
        // two accounts bought under the same purchase id (each account's ids are its own)
        for (String a : new String[]{"demo-retail", "wholesale"}) {
            assertThat(ledger.buy(a, "po-shared-find", "PHOTO_VERIFICATION", 100, "2026-03-05T09:00:00+08:00")
                    .status()).isEqualTo(201);
        }
        assertThat(ledger.call("s-search-1", "r-find-1", "BANK_CARD_VERIFICATION", "2026-03-12T10:00:00+08:00")
                .status()).isEqualTo(201);
    }

    private JsonNode find(String q) {
        Http.Response r = ledger.http.get("/api/v1/accounts?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theApiFindsAccountsByAnyPartOfTheIdInAnyCase() {
        assertThat(find("retail").path("items").findValuesAsText("accountId")).containsExactly("Retail_EU",
                "demo-retail");
        assertThat(find("RETAIL").path("total").asLong()).isEqualTo(2);
        assertThat(find("sale").path("items").findValuesAsText("accountId")).containsExactly("wholesale");
        // wildcards and spaces are text: "_" is not "any character", "%" not "anything"
        assertThat(find("l_e").path("items").findValuesAsText("accountId")).containsExactly("Retail_EU");
        assertThat(find("%").path("total").asLong()).isZero();
        assertThat(find("demo retail").path("total").asLong()).isZero();
        assertThat(find(".*").path("total").asLong()).isZero();
        // the prefix still narrows
        assertThat(ledger.http.get("/api/v1/accounts?prefix=demo&q=tail").json().path("total").asLong()).isEqualTo(1);
        Http.Response tooLong = ledger.http.get("/api/v1/accounts?q=" + "a".repeat(65));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void theConsolesSearchBoxOpensWhatItFindsAndCountsInEnglish() throws Exception {
        ConsoleClient console = new ConsoleClient(port);
        console.signIn(Http.OPERATOR);
        HttpResponse<String> two = console.get("/console/accounts?q=retail");
        assertThat(two.statusCode()).isEqualTo(200);
        assertThat(two.body()).contains("2 accounts match.").contains("demo-retail").contains("Retail_EU");
        HttpResponse<String> one = console.get("/console/accounts?q=WHOLE");
        assertThat(one.statusCode()).isEqualTo(302);
        assertThat(one.headers().firstValue("Location").orElseThrow()).endsWith("/console/accounts/wholesale");
        HttpResponse<String> purchase = console.get("/console/accounts?q=po-find-77");
        assertThat(purchase.statusCode()).isEqualTo(302);
        assertThat(purchase.headers().firstValue("Location").orElseThrow())
                .endsWith("/console/accounts/wholesale#packages");
        HttpResponse<String> call = console.get("/console/accounts?q=r-find-1");
        assertThat(call.statusCode()).isEqualTo(302);
        assertThat(call.headers().firstValue("Location").orElseThrow())
                .endsWith("/console/accounts/s-search-1/calls/r-find-1");
        HttpResponse<String> none = console.get("/console/accounts?q=" + URLEncoder.encode("no such <b>",
                StandardCharsets.UTF_8));
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).contains("0 accounts match.").doesNotContain("<b>");
        // a purchase id two accounts used lists both holders instead of guessing
        HttpResponse<String> shared = console.get("/console/accounts?q=po-shared-find");
        assertThat(shared.statusCode()).isEqualTo(200);
        assertThat(shared.body()).contains("Package or purchase po-shared-find")
                .contains("/console/accounts/wholesale#packages").contains("/console/accounts/demo-retail#packages");
    }
}
