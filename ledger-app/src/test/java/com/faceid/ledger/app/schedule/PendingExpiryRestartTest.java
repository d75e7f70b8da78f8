package com.faceid.ledger.app.schedule;

import com.faceid.ledger.app.LedgerApplication;
import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A pending expiry survives a restart: the simulated clock resumes, the step is persisted, it fires once. */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
class PendingExpiryRestartTest {
    static ConfigurableApplicationContext start(String dir) {
        return new SpringApplicationBuilder(LedgerApplication.class).run(args(Http.KEY_ARGS, "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dir + "/ledger;WRITE_DELAY=0",
                "--logging.level.org.axonframework=WARN", "--ledger.scheduler-enabled=false",
                "--ledger.clock=simulated", "--ledger.clock.start=2026-01-10T10:00:00+08:00"));
    }

    static Http http(ConfigurableApplicationContext ctx) {
        return new Http(Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port")));
    }

    static long expiries(Http http, String packageId) {
        JsonNode events = http.get("/api/v1/accounts/acme/events?type=PackageExpired").json().path("events");
        long n = 0;
        for (JsonNode e : events) {
            n += e.path("payload").path("packageId").asText().equals(packageId) ? 1 : 0;
        }
        return n;
    }

    @Test
    void anExpiryPendingAcrossARestartHappensOnce() {
        String dir = "./target/h2/pending-" + UUID.randomUUID();
        try (ConfigurableApplicationContext first = start(dir)) {
            Http http = http(first);
            Ledger ledger = new Ledger(http);
            ledger.open("acme", "2026-01-10T10:00:00+08:00");
            assertThat(ledger.buy("acme", "po-1", "PHOTO_VERIFICATION", 100, "2026-01-10T10:00:00+08:00").status())
                    .isEqualTo(201);
            assertThat(http.post("/api/v1/admin/clock", "{\"now\":\"2026-06-01T00:00:00+08:00\"}").status())
                    .isEqualTo(200);
            assertThat(expiries(http, "PKG-000001")).isZero();
        }
        try (ConfigurableApplicationContext second = start(dir)) {
            Http http = http(second);
            // the clock resumes where it stood, not at ledger.clock.start
            assertThat(http.get("/api/v1/admin/clock").json().path("now").asText())
                    .isEqualTo("2026-06-01T00:00:00+08:00");
            JsonNode moved = http.post("/api/v1/admin/clock", "{\"now\":\"2027-01-15T00:00:00+08:00\"}").json();
            assertThat(moved.path("stepsRun").asInt()).isGreaterThan(0);
            assertThat(expiries(http, "PKG-000001")).isEqualTo(1);
            JsonNode e = http.get("/api/v1/accounts/acme/events?type=PackageExpired").json().path("events").get(0);
            assertThat(e.path("recordedAt").asText()).isEqualTo("2027-01-10T10:00:00+08:00");
            assertThat(e.path("payload").path("forfeited").asInt()).isEqualTo(100);
        }
        try (ConfigurableApplicationContext third = start(dir)) {
            Http http = http(third);
            assertThat(http.post("/api/v1/admin/clock", "{\"now\":\"2027-03-01T00:00:00+08:00\"}").status())
                    .isEqualTo(200);
            assertThat(expiries(http, "PKG-000001")).isEqualTo(1);
            assertThat(expiries(http, "FREE-PHOTO_VERIFICATION")).isEqualTo(1);
        }
    }

    static String[] args(String[] keys, String... rest) {
        String[] all = java.util.Arrays.copyOf(rest, rest.length + keys.length);
        System.arraycopy(keys, 0, all, rest.length, keys.length);
        return all;
    }
}
