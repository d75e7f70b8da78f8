package com.faceid.ledger.app.console;

import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call's page tells every time in the account's billing zone, with its offset, in its summary and its timeline
 * alike (it once said 02:00:00Z in the summary and 10:00:00 in the timeline for the same instant).
 */
@Tag("service")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CallPageTest {
    @LocalServerPort
    int port;

    @Test
    void theSummaryAndTheTimelineTellTheSameTimeInTheBillingZone() throws Exception {
        Ledger ledger = new Ledger(new Http(port));
        ledger.open("zone-call", "2026-03-01T09:00:00+08:00");
        assertThat(ledger.call("zone-call", "z-1", "BANK_CARD_VERIFICATION", "2026-03-12T10:00:00+08:00").status())
                .isEqualTo(201);
        ConsoleClient console = new ConsoleClient(port);
        console.signIn(Http.OPERATOR);
        String page = console.get("/console/accounts/zone-call/calls/z-1").body();
        String lead = page.substring(page.indexOf("id=\"explanation\""), page.indexOf("</p>", page.indexOf("id=\"explanation\"")));
        assertThat(lead).contains("could pay at 2026-03-12T10:00+08:00").doesNotContain("02:00");
        String timeline = page.substring(page.indexOf("id=\"timeline\""), page.indexOf("</ol>"));
        assertThat(timeline).contains("occurred <span>2026-03-12 10:00:00 +08:00</span>");
        assertThat(page).doesNotContainPattern("\\d{2}:\\d{2}(:\\d{2})?Z");
        // the tier in words, its bounds as recorded kept in the title
        assertThat(page).contains("title=\"(0, 1000]\">calls 1–1,000 of the month</span>), ¥<span>0.40</span> a call");
        assertThat(ledger.call("zone-call", "z-2", "BANK_CARD_VERIFICATION", "2026-04-01T10:00:00+08:00").status())
                .isEqualTo(201); // this month's, for the account page's tier progress
        String account = console.get("/console/accounts/zone-call").body();
        assertThat(account).containsPattern("tier <span>1</span>\\s*\\(<span class=\"tier-words\" title=\"\\(0, 1000]\">"
                + "calls 1–1,000 of the month</span>").contains("times in <span>Asia/Shanghai, UTC+08:00</span>");
    }
}
