package com.faceid.ledger.app.time;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the real clock (production's default; the other tests mostly run on a simulated one that stands still):
 * times left out of a request default to the ledger clock, read once per command, so an account opened,
 * a package bought and a call metered "now" are never "after the ledger clock" by a few microseconds.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.clock=system")
@ActiveProfiles("test")
class SystemClockTest {
    @LocalServerPort
    int port;

    @Test
    void anAccountOpenedAPackageBoughtAndACallMeteredNowAreAccepted() {
        Http http = new Http(port);
        for (int i = 0; i < 20; i++) { // each reading of the clock differs; twenty chances for a race to show
            String a = "sys-" + UUID.randomUUID().toString().substring(0, 8);
            OffsetDateTime before = OffsetDateTime.now();
            Http.Response opened = http.post("/api/v1/accounts", "{\"accountId\":\"" + a + "\"}");
            assertThat(opened.status()).as(opened.text()).isEqualTo(201);
            assertThat(OffsetDateTime.parse(opened.json().path("openedAt").asText())).isAfterOrEqualTo(before.withNano(0));
            Http.Response bought = http.post("/api/v1/accounts/" + a + "/packages",
                    "{\"purchaseId\":\"p\",\"service\":\"WECHAT_LIVENESS_VERIFICATION\",\"size\":100}");
            assertThat(bought.status()).as(bought.text()).isEqualTo(201);
            Http.Response call = http.post("/api/v1/accounts/" + a + "/calls",
                    "{\"requestId\":\"r\",\"service\":\"WECHAT_LIVENESS_VERIFICATION\",\"resultCode\":\"Success\"}");
            assertThat(call.status()).as(call.text()).isEqualTo(201);
        }
    }
}
