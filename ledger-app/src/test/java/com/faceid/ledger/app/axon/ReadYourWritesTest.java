package com.faceid.ledger.app.axon;

import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read of an account answers with every event of that account stored before it came in. The quota, the
 * packages and a month's statement answer from the events themselves (history.CurrentFolds): with the read-model
 * processor stopped they answer at once, with the purchase and the calls. The other reads answer only from views
 * that have those events (axon.ReadYourWrites): the console's account page waits for the processor.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@DirtiesContext // it stops the read-model processor: a context in that state is closed, not cached
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.test.context=ryw")
@ActiveProfiles("test")
class ReadYourWritesTest {
    static final String S = "WECHAT_LIVENESS_VERIFICATION";
    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void quotaPackagesAndTheRunningStatementAnswerAtOnceWithEveryStoredEventWhileTheViewsStandStill() {
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        ledger.open("ryw", "2026-03-10T15:00:00+08:00");
        EventProcessor views = processing.eventProcessor(ProcessingGroups.READ_MODELS).orElseThrow();
        views.shutDown();
        try {
            assertThat(ledger.buy("ryw", "po-1", S, 1000, "2026-03-11T09:00:00+08:00").status()).isEqualTo(201);
            for (int i = 1; i <= 3; i++) { // paid by the package (this service has no free grant)
                assertThat(ledger.call("ryw", "r-" + i, S, "2026-03-12T10:00:0" + i + "+08:00").status())
                        .isEqualTo(201);
            }
            // the views have seen neither: these answers come from the events (history.CurrentFolds), not after a wait
            JsonNode quota = http.get("/api/v1/accounts/ryw/quota").json();
            JsonNode service = quota.get("services").findParents("service").stream()
                    .filter(n -> n.get("service").asText().equals(S)).findFirst().orElseThrow();
            assertThat(service.get("remaining").asInt()).isEqualTo(1000 - 3);
            assertThat(service.get("packages").findValuesAsText("packageId")).contains("PKG-000001");
            JsonNode packages = http.get("/api/v1/accounts/ryw/packages?service=" + S).json();
            assertThat(packages.findValuesAsText("packageId")).containsExactly("PKG-000001");
            assertThat(packages.findValues("used").stream().mapToInt(JsonNode::asInt).sum()).isEqualTo(3);
            JsonNode statement = http.get("/api/v1/accounts/ryw/statements/2026-03").json();
            assertThat(statement.get("status").asText()).isEqualTo("OPEN");
            assertThat(statement.toString()).contains("\"prepaidSpend\":\"").contains("PKG-000001");
            assertThat(views.isRunning()).isFalse();
        } finally {
            if (!views.isRunning()) {
                views.start();
            }
        }
    }

    @Test
    void theConsolesAccountPageWaitsForThePurchaseToo() throws Exception {
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        ledger.open("ryw-console", "2026-03-10T15:00:00+08:00");
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        var form = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/console/sign-in"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String token = form.body().replaceAll("(?s).*name=\"_csrf\" value=\"([0-9a-f]+)\".*", "$1");
        var signedIn = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/console/sign-in"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + token + "&apiKey=" + Http.OPERATOR))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        String session = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        EventProcessor views = processing.eventProcessor(ProcessingGroups.READ_MODELS).orElseThrow();
        views.shutDown();
        try {
            assertThat(ledger.buy("ryw-console", "po-1", S, 1000, "2026-03-11T09:00:00+08:00").status()).isEqualTo(201);
            CompletableFuture<String> page = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base
                                    + "/console/accounts/ryw-console")).header("Cookie", session).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await("a page drawn from views without the purchase").during(Duration.ofMillis(1_500))
                    .atMost(Duration.ofSeconds(3)).until(() -> !page.isDone());
            views.start();
            assertThat(page.get(15, TimeUnit.SECONDS)).contains("data-package=\"PKG-000001\"");
        } finally {
            if (!views.isRunning()) {
                views.start();
            }
        }
    }
}
