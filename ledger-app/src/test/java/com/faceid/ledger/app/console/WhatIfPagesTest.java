package com.faceid.ledger.app.console;

import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.whatif.WhatIfRuns;
import com.faceid.ledger.app.whatif.WhatIfService;
import com.faceid.ledger.app.whatif.WhatIfView;
import com.faceid.ledger.whatif.Scenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A what-if that takes longer than the console waits: the form's page moves to the run's page, which shows the
 * events re-rated so far and refreshes itself, then shows the answer. The what-ifs here wait for {@link #GO}
 * after reading their first events, so the run is long for as long as the test needs.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(WhatIfPagesTest.SlowWhatIfs.class)
class WhatIfPagesTest {
    static final CountDownLatch GO = new CountDownLatch(1);

    /** The real what-if, held back after its first events until {@link #GO}. */
    @TestConfiguration
    static class SlowWhatIfs {
        @Bean
        @Primary
        WhatIfRuns slowRuns(WhatIfService real, Clock clock) {
            return new WhatIfRuns(new WhatIfRuns.WhatIfs() {
                @Override
                public long check(String accountId, YearMonth from, YearMonth to) {
                    return real.check(accountId, from, to);
                }

                @Override
                public WhatIfView whatIf(String accountId, YearMonth from, YearMonth to, Scenario scenario,
                                         WhatIfService.Progress progress) {
                    progress.read(3, real.check(accountId, from, to));
                    try {
                        GO.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return real.whatIf(accountId, from, to, scenario, progress);
                }
            }, clock);
        }
    }

    @LocalServerPort
    int port;

    @Test
    void aLongWhatIfShowsItsProgressAndRefreshesUntilItsAnswer() throws Exception {
        Http api = new Http(port);
        assertThat(api.post("/api/v1/accounts", "{\"accountId\":\"wi-slow\",\"openedAt\":"
                + "\"2026-04-01T09:00:00+08:00\"}").status()).isEqualTo(201);
        ConsoleClient console = new ConsoleClient(port);
        console.signIn(Http.OPERATOR);

        HttpResponse<String> asked = console.get("/console/accounts/wi-slow/what-if?postpaid=off&to=2026-04");
        assertThat(asked.statusCode()).as("moved to the run's page after a second").isEqualTo(302);
        java.net.URI location = java.net.URI.create(asked.headers().firstValue("Location").orElseThrow());
        String runPage = location.getRawPath() + "?" + location.getRawQuery();
        assertThat(runPage).matches("/console/accounts/wi-slow/what-if/runs/wir_[0-9a-f]{32}\\?postpaid=off&to=2026-04");

        HttpResponse<String> waiting = console.get(runPage);
        assertThat(waiting.statusCode()).isEqualTo(200);
        assertThat(waiting.headers().firstValue("Refresh")).contains("1");
        assertThat(waiting.body()).contains("id=\"what-if-progress\"").containsPattern(
                "(?s)<span>3</span> of\\s+<span>\\d+</span> events\\s+\\(<span>RUNNING</span>\\)")
                .doesNotContain("id=\"what-if-total\"")
                .contains("<option value=\"off\" selected=\"selected\">off</option>"); // the form as it was asked

        GO.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> console.get(runPage).headers().firstValue("Refresh").isEmpty());
        HttpResponse<String> answered = console.get(runPage);
        assertThat(answered.body()).contains("id=\"what-if-total\"").doesNotContain("id=\"what-if-progress\"");
    }
}
