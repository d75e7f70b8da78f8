package com.faceid.ledger.app.console;

import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Check a digest from the console: the current one is shown ready to copy; a digest kept earlier is consistent
 * while the history is untouched, a wrong one is not; a form filled wrongly keeps what was typed and says beside
 * each field what is wrong.
 */
@Tag("service")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DigestPageTest {
    @LocalServerPort
    int port;

    @Test
    void aKeptDigestIsCheckedAndABadFormKeepsWhatWasTyped() throws Exception {
        Ledger ledger = new Ledger(new Http(port));
        ledger.open("dg-page", "2026-03-01T09:00:00+08:00");
        assertThat(ledger.call("dg-page", "r-1", "BANK_CARD_VERIFICATION", "2026-03-12T10:00:00+08:00").status())
                .isEqualTo(201);
        JsonNode kept = ledger.http.get("/api/v1/accounts/dg-page/digest").json();
        assertThat(ledger.call("dg-page", "r-2", "BANK_CARD_VERIFICATION", "2026-03-12T10:05:00+08:00").status())
                .isEqualTo(201);
        JsonNode now = ledger.http.get("/api/v1/accounts/dg-page/digest").json();
        ConsoleClient console = new ConsoleClient(port);
        console.signIn("test-auditor-secret");

        String page = console.get("/console/accounts/dg-page/digest").body();
        assertThat(page).contains("id=\"head-sequence\">" + now.path("sequence").asLong() + "<")
                .contains(now.path("hash").asText()).contains("data-copy=\"#head-digest\"")
                .contains("aria-current=\"page\">Digest<");

        String good = console.get("/console/accounts/dg-page/digest?sequence=" + kept.path("sequence").asLong()
                + "&hash=" + kept.path("hash").asText()).body();
        assertThat(good).contains("<strong>Consistent.</strong>").doesNotContain("Not consistent");
        String bad = console.get("/console/accounts/dg-page/digest?sequence=" + kept.path("sequence").asLong()
                + "&hash=" + "0".repeat(64)).body();
        assertThat(bad).contains("<strong>Not consistent.</strong>");

        String typo = console.get("/console/accounts/dg-page/digest?sequence=twelve&hash=abc").body();
        assertThat(typo).contains("value=\"twelve\"").contains("value=\"abc\"")
                .contains("id=\"sequence-error\"").contains("id=\"hash-error\"").contains("3 characters given")
                .doesNotContain("id=\"check-result\"");
    }
}
