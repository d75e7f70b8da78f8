package com.faceid.ledger.app.metrics;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /actuator/prometheus} and the health probes (docs/operations.md "Metrics and probes"). */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MetricsHttpTest {
    /** Meters of the usage intake that exist only while it runs (ledger.kafka.bootstrap-servers set). */
    static final java.util.Set<String> ONLY_WITH_KAFKA = java.util.Set.of("ledger_kafka_lag");

    @org.springframework.beans.factory.annotation.Autowired
    org.axonframework.micrometer.GlobalMetricRegistry axonMeters;

    static final String S = "WECHAT_LIVENESS_VERIFICATION";
    @LocalServerPort
    int port;
    Http http;
    Ledger ledger;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        ledger = new Ledger(http);
    }

    String scrape() {
        Http.Response r = http.get("/actuator/prometheus");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.text();
    }

    /** The value of the sample {@code name{labels}} (labels as Prometheus prints them, sorted), 0 if absent. */
    static double sample(String text, String name, String labels) {
        String prefix = labels.isEmpty() ? name + " " : name + "{" + labels;
        return text.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    String account() {
        String a = "mx-" + UUID.randomUUID().toString().substring(0, 8);
        ledger.open(a, "2026-03-10T15:00:00+08:00");
        return a;
    }

    @Test
    void everyNamedMeterIsExposedBesideJvmHttpAndAxonMeters() {
        ledger.call(account(), "r-1", S, "2026-03-12T10:00:00+08:00");
        String text = scrape();
        assertThat(text).contains("ledger_calls_total{", "ledger_read_model_lag_events ",
                "ledger_projection_errors_total ", "ledger_scheduled_steps{status=\"PENDING\"}",
                "ledger_scheduled_steps{status=\"DUE\"}", "ledger_scheduled_steps{status=\"FAILED\"}",
                "ledger_holds_active ", "ledger_group_commit_size_count{kind=\"calls\"}",
                "ledger_group_commit_size_sum{kind=\"holds\"}", "ledger_webhook_backlog ", "ledger_webhook_deliveries_total{outcome=\"failed\"",
                "jvm_memory_used_bytes{", "http_server_requests_seconds_bucket{",
                "hikaricp_connections_active{");
        assertThat(text).as("Axon's meters").contains("eventProcessor_capacity{payloadType=\"CallMetered\",processorName=\"read-models\"}",
                "commandBus_allTimer_seconds_count{payloadType=\"MeterCalls\"}");
        assertThat(sample(text, "ledger_projection_errors_total", "")).isZero();
        assertThat(sample(text, "ledger_group_commit_size_count", "kind=\"calls\"")).as("the call was a group")
                .isGreaterThanOrEqualTo(1);
    }

    /** Axon's meters come from the ledger's registry: its capacity gauges keep one minute of messages, not ten. */
    @Test
    void axonsMetersAreRegisteredByTheLedgersRegistry() {
        assertThat(axonMeters).isInstanceOf(LedgerMetricRegistry.class);
        assertThat(scrape()).contains("eventProcessor_capacity{payloadType=\"CallMetered\",processorName=\"read-models\"}",
                "commandBus_capacity{payloadType=\"OpenAccount\"}");
    }

    @Test
    void everyMeterTheDashboardChartsIsExposed() throws Exception {
        ledger.call(account(), "r-1", S, "2026-03-12T10:00:00+08:00");
        String text = scrape();
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "grafana-dashboard.json"));
        var names = java.util.regex.Pattern.compile("\\b(ledger_[a-z_]+|http_server_[a-z_]+|hikaricp_[a-z_]+|jvm_[a-z_]+"
                + "|commandBus_[A-Za-z_]+|eventProcessor_[A-Za-z_]+)").matcher(dashboard).results()
                .map(m -> m.group(1)).distinct()
                .filter(n -> !ONLY_WITH_KAFKA.contains(n)).toList(); // KafkaIntakeTest checks those
        assertThat(names).hasSizeGreaterThan(10);
        for (String name : names) {
            assertThat(text).as(name).containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    @Test
    void aMeteredCallCountsOnceUnderItsServiceAndPayerAndARepeatedRequestIdNotAgain() {
        String a = account();
        String before = scrape();
        Http.Response first = ledger.call(a, "r-1", S, "2026-03-12T10:00:00+08:00");
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        String labels = "charged_to=\"" + first.json().path("chargedTo").asText() + "\",service=\"" + S + "\"";
        Http.Response unbilled = ledger.call(a, "r-2", S, "2026-03-12T10:01:00+08:00", "NoFaceDetected");
        assertThat(unbilled.json().path("chargedTo").asText()).isEqualTo("NONE");
        assertThat(ledger.call(a, "r-1", S, "2026-03-12T10:00:00+08:00").status()).isEqualTo(200);

        String after = scrape();
        assertThat(sample(after, "ledger_calls_total", labels) - sample(before, "ledger_calls_total", labels))
                .isEqualTo(1.0);
        String none = "charged_to=\"NONE\",service=\"" + S + "\"";
        assertThat(sample(after, "ledger_calls_total", none) - sample(before, "ledger_calls_total", none))
                .isEqualTo(1.0);
    }

    @Test
    void aPlacedHoldIsActiveUntilItIsCaptured() {
        String a = account();
        double before = sample(scrape(), "ledger_holds_active", "");
        Http.Response placed = http.post("/api/v1/accounts/" + a + "/holds",
                "{\"holdId\":\"h-1\",\"service\":\"" + S + "\"}");
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        http.get("/api/v1/accounts/" + a + "/holds/h-1"); // waits for the hold registry
        assertThat(sample(scrape(), "ledger_holds_active", "")).isEqualTo(before + 1);
        assertThat(http.post("/api/v1/accounts/" + a + "/holds/h-1/capture",
                "{\"requestId\":\"r-h\",\"resultCode\":\"Success\"}").status()).isEqualTo(201);
        http.get("/api/v1/accounts/" + a + "/holds/h-1");
        assertThat(sample(scrape(), "ledger_holds_active", "")).isEqualTo(before);
    }

    @Test
    void onlyOperatorsAndAuditorsMayScrape() {
        assertThat(http.as(null).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(http.as("test-customer-secret").get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(http.as("test-meter-secret").get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(http.as("test-auditor-secret").get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void livenessAndReadinessAnswerWithoutAKeyAndReadinessWeighsTheReadModelsLag() {
        Http anonymous = http.as(null);
        Http.Response live = anonymous.get("/actuator/health/liveness");
        assertThat(live.status()).as(live.text()).isEqualTo(200);
        assertThat(live.json().path("status").asText()).isEqualTo("UP");
        assertThat(live.json().path("components").has("readModelsLag")).isFalse();
        ledger.call(account(), "r-1", S, "2026-03-12T10:00:00+08:00");
        Http.Response ready = anonymous.get("/actuator/health/readiness");
        assertThat(ready.status()).as(ready.text()).isEqualTo(200);
        assertThat(ready.json().path("components").path("readModelsLag").path("status").asText()).isEqualTo("UP");
        // its details are an operator's (or auditor's) to read
        assertThat(ready.json().path("components").path("readModelsLag").has("details")).isFalse();
        ready = http.get("/actuator/health/readiness");
        assertThat(ready.json().path("components").path("readModelsLag").path("details").path("maxLagEvents").asLong())
                .isEqualTo(10_000);
        assertThat(ready.json().path("components").path("readModels").path("status").asText()).isEqualTo("UP");
    }
}
