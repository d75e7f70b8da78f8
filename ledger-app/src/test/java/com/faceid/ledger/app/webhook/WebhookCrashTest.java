package com.faceid.ledger.app.webhook;

import com.faceid.ledger.app.store.CrashRecoveryTest;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kill -9 between an event and its delivery: the ledger runs as a child process whose sender is off, records
 * an adjustment (its notification is in the outbox, committed with the event), and is killed with SIGKILL. Started
 * again with the sender on, it delivers the notification, once; a replay afterwards sends nothing.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
class WebhookCrashTest {
    static final String[] WEBHOOKS = {"--ledger.webhooks.allow-private=true", "--ledger.webhooks.poll=PT0.2S"};

    @Test
    void aNotificationCommittedBeforeTheCrashIsSentOnceAfterTheRestartAndAReplaySendsNothing() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "h2", "webhook-crash-" + UUID.randomUUID()));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            int port = CrashRecoveryTest.freePort();
            Process first = CrashRecoveryTest.start(dir, port, concat(WEBHOOKS, "--ledger.webhooks.sender-enabled=false"));
            try {
                CrashRecoveryTest.awaitHealthy(port, first);
                Http http = new Http(port);
                Http.Response sub = http.post("/api/v1/webhooks", "{\"url\":\"" + receiver.url("/crash")
                        + "\",\"events\":[\"adjustment.recorded\"]}");
                assertThat(sub.status()).as(sub.text()).isEqualTo(201);
                assertThat(http.post("/api/v1/accounts", "{\"accountId\":\"crash-wh\","
                        + "\"openedAt\":\"2026-03-10T15:00:00+08:00\"}").status()).isEqualTo(201);
                Http.Response adj = http.post("/api/v1/accounts/crash-wh/adjustments", "{\"adjustmentId\":\"adj-1\","
                        + "\"month\":\"2026-03\",\"amount\":\"-5.00\",\"reason\":\"crash test\"}");
                assertThat(adj.status()).as(adj.text()).isEqualTo(201);
            } finally {
                first.destroyForcibly(); // SIGKILL, the notification not yet sent
                first.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(receiver.all()).isEmpty();

            Process second = CrashRecoveryTest.start(dir, port, WEBHOOKS);
            try {
                CrashRecoveryTest.awaitHealthy(port, second);
                Http http = new Http(port);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/crash").size() >= 1);
                String webhookId = http.get("/api/v1/webhooks").json().path("webhooks").get(0).path("webhookId").asText();
                await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/webhooks/" + webhookId
                        + "/deliveries").json().path("deliveries").get(0).path("status").asText().equals("SUCCEEDED"));
                List<WebhookReceiver.Received> got = receiver.at("/crash");
                assertThat(got).hasSize(1);
                JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(got.get(0).body());
                assertThat(body.path("type").asText()).isEqualTo("adjustment.recorded");
                assertThat(body.path("data").path("adjustmentId").asText()).isEqualTo("adj-1");

                assertThat(http.post("/api/v1/admin/replay").status()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        http.get("/api/v1/admin/replay").json().path("status").asText().equals("DONE"));
                // a new fact after the replay is notified: the sender has had its rounds, and the replay added nothing
                assertThat(http.post("/api/v1/accounts/crash-wh/adjustments", "{\"adjustmentId\":\"adj-2\","
                        + "\"month\":\"2026-03\",\"amount\":\"-1.00\",\"reason\":\"after the replay\"}").status())
                        .isEqualTo(201);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/crash").size() >= 2);
                assertThat(receiver.at("/crash")).extracting(r -> new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(r.body()).path("data").path("adjustmentId").asText()).containsExactly("adj-1", "adj-2");
                assertThat(http.get("/api/v1/webhooks/" + webhookId + "/deliveries").json().path("deliveries")).hasSize(2);
            } finally {
                second.destroyForcibly();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
