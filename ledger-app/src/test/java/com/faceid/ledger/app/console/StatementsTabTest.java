package com.faceid.ledger.app.console;

import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements tab opens on the last closed month (the current one while none is closed) and every statement
 * page lists the months the account lived, with status and totals; the current month says it holds what was
 * metered so far.
 */
@Tag("service")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StatementsTabTest {
    @LocalServerPort
    int port;

    @Test
    void theTabOpensOnTheLastClosedMonthAndListsEveryMonthLived() throws Exception {
        Ledger ledger = new Ledger(new Http(port));
        ledger.open("tab-new", "2026-04-01T09:00:00+08:00");
        ledger.open("tab-old", "2026-03-01T09:00:00+08:00");
        ledger.calls("tab-old", "BANK_CARD_VERIFICATION", 3, "2026-03-12T10:00:00+08:00", "m-");
        assertThat(ledger.http.post("/api/v1/accounts/tab-old/statements/2026-03/close").status()).isEqualTo(200);
        ConsoleClient console = new ConsoleClient(port);
        console.signIn(Http.OPERATOR);

        HttpResponse<String> tab = console.get("/console/accounts/tab-old/statements");
        assertThat(tab.statusCode()).isEqualTo(302);
        assertThat(tab.headers().firstValue("Location").orElseThrow()).endsWith("/console/accounts/tab-old/statements/2026-03");
        String page = console.get("/console/accounts/tab-old/statements/2026-03").body();
        String months = page.substring(page.indexOf("id=\"months\""), page.indexOf("</details>"));
        assertThat(months.indexOf("2026-04")).isLessThan(months.indexOf("2026-03"));
        assertThat(months).contains("open: so far").contains("aria-current=\"page\"").doesNotContain("2026-02");
        assertThat(months.substring(months.indexOf("2026-03"))).containsPattern("closed</td>\\s*<td class=\"num\">3</td>\\s*<td class=\"num\">1\\.20</td>");

        HttpResponse<String> none = console.get("/console/accounts/tab-new/statements");
        assertThat(none.headers().firstValue("Location").orElseThrow()).endsWith("/console/accounts/tab-new/statements/2026-04");
    }
}
