package com.faceid.ledger.app.kafka;

import com.faceid.ledger.app.console.ConsoleClient;
import com.faceid.ledger.app.metering.BatchMetering;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.reset;

/**
 * Usage records from Kafka (docs/kafka.md) against a real broker (spring-kafka-test's embedded KRaft broker):
 * both CloudEvents modes, one outcome per record, every dead-letter reason with the record as sent, order per
 * account, and each call charged once whatever the redeliveries: a poll that failed after its calls were
 * stored, and a whole topic read again by another group.
 */
@Tag("service")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "ledger.kafka.partitions=3",
        "ledger.kafka.retry-first=PT0.1S",
        "logging.level.kafka=ERROR", "logging.level.org.apache.kafka=ERROR",
        "logging.level.state.change.logger=WARN"})
@EmbeddedKafka(kraft = true, count = 1)
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaIntakeTest {
    static final String MARCH = "2026-03-12T10:00:00+08:00";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;
    @Autowired
    JdbcTemplate jdbc;
    @MockitoSpyBean
    BatchMetering metering;
    @Autowired
    IntakeStatus intake;

    private long callEvents(String account) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND payloadType LIKE '%CallMetered'", Long.class, account);
    }

    private long allCallEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE '%CallMetered'",
                Long.class);
    }

    /** The outcomes keyed by these accounts, in the order of the records they answer. */
    private List<JsonNode> outcomes(UsageTopic topic, Set<String> keys, int count) {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : topic.read("ledger.outcomes", r -> keys.contains(r.key()), count)) {
            try {
                out.add(JSON.readTree(r.value()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        out.sort(Comparator.comparing((JsonNode o) -> o.path("partition").asInt())
                .thenComparing(o -> o.path("offset").asLong()));
        return out;
    }

    private Ledger ledger() {
        return new Ledger(new Http(port));
    }

    @Test
    @Order(1)
    void bothModesAreMeteredAndEachRecordGetsItsOutcome() {
        ledger().open("k-modes", "2026-03-01T09:00:00+08:00");
        try (UsageTopic topic = new UsageTopic(brokers)) {
            topic.send("k-modes", UsageTopic.call("k-modes", "r-1", "PHOTO_VERIFICATION", MARCH, "Success"));
            topic.send("k-modes", "{\"service\":\"PHOTO_VERIFICATION\",\"resultCode\":\"Success\"}"
                    .getBytes(StandardCharsets.UTF_8), Map.of("ce_specversion", "1.0", "ce_type",
                    "com.faceid.usage.call", "ce_source", "gw-2", "ce_id", "r-2", "ce_subject", "k-modes",
                    "ce_time", MARCH, "content-type", "application/json"));
            topic.send("k-modes", UsageTopic.call("k-modes", "r-3", "PHOTO_VERIFICATION", MARCH, "NotBillable"));
            List<JsonNode> outcomes = outcomes(topic, Set.of("k-modes"), 3);
            assertThat(outcomes).extracting(o -> o.path("requestId").asText()).containsExactly("r-1", "r-2", "r-3");
            assertThat(outcomes).extracting(o -> o.path("status").asInt()).containsExactly(201, 201, 201);
            assertThat(outcomes.get(0).path("chargedTo").asText()).isEqualTo("FREE");
            assertThat(outcomes.get(0).path("packageRemaining").asInt()).isEqualTo(49);
            assertThat(outcomes.get(1).path("packageRemaining").asInt()).isEqualTo(48);
            assertThat(outcomes.get(1).path("packageId").asText()).isEqualTo(outcomes.get(0).path("packageId").asText());
            assertThat(outcomes.get(2).path("billable").asBoolean()).isFalse();
            assertThat(outcomes.get(2).path("chargedTo").asText()).isEqualTo("NONE");
            assertThat(outcomes.get(2).has("packageRemaining")).isFalse();
            assertThat(outcomes.get(0).path("topic").asText()).isEqualTo("ledger.usage");
        }
        assertThat(callEvents("k-modes")).isEqualTo(3);
        // the call's event names the record it came from
        String correlation = new String(jdbc.queryForObject("SELECT metaData FROM DomainEventEntry WHERE"
                + " aggregateIdentifier = 'k-modes' AND payloadType LIKE '%CallMetered' ORDER BY sequenceNumber"
                + " LIMIT 1", byte[].class), StandardCharsets.UTF_8);
        assertThat(correlation).contains("\"actor\":\"kafka\"").contains("ledger.usage/");
    }

    @Test
    @Order(2)
    void everyRecordThatCanNeverBeMeteredGoesToTheDeadLettersAndTheRestGoOn() {
        Ledger ledger = ledger();
        ledger.open("k-dlq", "2026-03-01T09:00:00+08:00");
        ledger.open("k-closed", "2026-03-01T09:00:00+08:00");
        assertThat(ledger.http.post("/api/v1/accounts/k-closed/statements/2026-03/close").status()).isEqualTo(200);
        String good = UsageTopic.call("k-dlq", "d-ok", "PHOTO_VERIFICATION", MARCH, "Success");
        List<String[]> sent = List.of( // key, value, the reason expected
                new String[]{"k-dlq", "not json {", "NOT_JSON"},
                new String[]{"k-dlq", "{\"hello\":\"world\"}", "NOT_A_CLOUDEVENT"},
                new String[]{"k-dlq", good.replace("com.faceid.usage.call", "com.faceid.usage.refund"), "UNKNOWN_TYPE"},
                new String[]{"k-dlq", good.replace("PHOTO_VERIFICATION", "FACE_MAGIC").replace("d-ok", "d-2"),
                        "UNKNOWN_SERVICE"},
                new String[]{"k-ghost", good.replace("k-dlq", "k-ghost"), "ACCOUNT_NOT_FOUND"},
                new String[]{"k-other", good.replace("d-ok", "d-3"), "KEY_MISMATCH"},
                new String[]{"k-dlq", good.replace("d-ok", "d dash"), "VALIDATION_FAILED"},
                new String[]{"k-closed", good.replace("k-dlq", "k-closed"), "PERIOD_CLOSED"},
                new String[]{"k-dlq", good.replace("d-ok", "d-4").replace(MARCH, "2026-04-05T00:00:00+08:00"),
                        "TIMESTAMP_IN_FUTURE"},
                new String[]{"k-dlq", good.replace("d-ok", "d-5").replace(MARCH, "2026-02-01T00:00:00+08:00"),
                        "BEFORE_ACCOUNT_OPENED"},
                new String[]{"k-dlq", good.replace("d-ok", "d-6").replace(MARCH, "2026-03-12T10:00:00"),
                        "VALIDATION_FAILED"},
                new String[]{"k-dlq", UsageTopic.call("k-dlq", "d-same", "PHOTO_VERIFICATION", MARCH, "Success"), null},
                new String[]{"k-dlq", UsageTopic.call("k-dlq", "d-same", "LIVENESS_VERIFICATION", MARCH, "Success"),
                        "REQUEST_ID_CONFLICT"},
                new String[]{"k-dlq", good, null});
        try (UsageTopic topic = new UsageTopic(brokers)) {
            for (String[] s : sent) {
                topic.send(s[0], s[1]);
            }
            Set<String> keys = Set.of("k-dlq", "k-ghost", "k-other", "k-closed");
            List<ConsumerRecord<String, byte[]>> dead = topic.read("ledger.usage.dlq", r -> keys.contains(r.key()), 12);
            for (String[] s : sent) {
                if (s[2] == null) {
                    continue;
                }
                ConsumerRecord<String, byte[]> letter = dead.stream()
                        .filter(r -> UsageTopic.text(r.value()).equals(s[1])).findFirst().orElseThrow();
                assertThat(UsageTopic.text(letter.headers().lastHeader(UsagePublisher.REASON).value()))
                        .as("dead letter of %s", s[1]).isEqualTo(s[2]);
                assertThat(UsageTopic.text(letter.headers().lastHeader(UsagePublisher.DETAIL).value())).isNotBlank();
                assertThat(UsageTopic.text(letter.headers().lastHeader(UsagePublisher.ORIGIN).value()))
                        .startsWith("ledger.usage/");
                assertThat(letter.key()).isEqualTo(s[0]);
            }
            List<JsonNode> outcomes = outcomes(topic, keys, sent.size());
            assertThat(outcomes.stream().filter(o -> o.has("code")).map(o -> o.path("code").asText()).sorted())
                    .containsExactlyElementsOf(sent.stream().map(s -> s[2]).filter(r -> r != null).sorted().toList());
            assertThat(outcomes.stream().filter(o -> o.path("status").asInt() == 201)).hasSize(2);
            assertThat(outcomes.stream().filter(o -> o.path("code").asText().equals("ACCOUNT_NOT_FOUND")).findFirst()
                    .orElseThrow().path("status").asInt()).isEqualTo(404);
        }
        assertThat(callEvents("k-dlq")).isEqualTo(2); // d-same (the first) and d-ok
        assertThat(callEvents("k-closed")).isZero();
    }

    @Test
    @Order(3)
    void anAccountsRecordsAreSettledInTheirOrder() {
        ledger().open("k-order", "2026-03-01T09:00:00+08:00");
        try (UsageTopic topic = new UsageTopic(brokers)) {
            for (int i = 0; i < 60; i++) {
                topic.send("k-order", UsageTopic.call("k-order", "o-" + i, "PHOTO_VERIFICATION", MARCH, "Success"));
            }
            List<JsonNode> outcomes = outcomes(topic, Set.of("k-order"), 60);
            for (int i = 0; i < 60; i++) {
                JsonNode o = outcomes.get(i);
                assertThat(o.path("requestId").asText()).isEqualTo("o-" + i);
                if (i < 50) { // the free grant of 50 pays the first fifty, in order
                    assertThat(o.path("chargedTo").asText()).isEqualTo("FREE");
                    assertThat(o.path("packageRemaining").asInt()).isEqualTo(49 - i);
                } else {
                    assertThat(o.path("chargedTo").asText()).isNotEqualTo("FREE");
                }
            }
        }
        assertThat(callEvents("k-order")).isEqualTo(60);
    }

    @Test
    @Order(4)
    void aPollThatFailsAfterItsCallsWereStoredIsReadAgainAndChargesNothingTwice() {
        ledger().open("k-crash", "2026-03-01T09:00:00+08:00");
        // the calls commit, then the poll fails before its offsets do (as a node killed in between would)
        int[] failures = {0};
        doAnswer(invocation -> {
            Object stored = invocation.callRealMethod();
            if (failures[0]++ == 0) {
                throw new CannotGetJdbcConnectionException("the store went away after the commit");
            }
            return stored;
        }).when(metering).meter(any());
        try (UsageTopic topic = new UsageTopic(brokers)) {
            topic.send("k-crash", UsageTopic.call("k-crash", "c-1", "PHOTO_VERIFICATION", MARCH, "Success"));
            topic.send("k-crash", UsageTopic.call("k-crash", "c-2", "PHOTO_VERIFICATION", MARCH, "Success"));
            List<JsonNode> outcomes = outcomes(topic, Set.of("k-crash"), 2);
            // the failed poll published nothing; tried again, its call is a repeat of the one charge stored
            // (c-2 may have come in that poll too, or in the next)
            assertThat(outcomes.get(0).path("requestId").asText()).isEqualTo("c-1");
            assertThat(outcomes.get(0).path("duplicate").asBoolean()).isTrue();
            assertThat(outcomes.get(0).path("status").asInt()).isEqualTo(200);
            assertThat(outcomes).extracting(o -> o.path("chargedTo").asText()).containsOnly("FREE");
        } finally {
            reset(metering);
        }
        assertThat(failures[0]).isGreaterThanOrEqualTo(2);
        assertThat(callEvents("k-crash")).isEqualTo(2);
    }

    @Test
    @Order(5)
    void theWholeTopicReadAgainByAnotherGroupChargesNothingTwice(@Autowired UsageConsumer consumer) {
        ledger().open("k-again", "2026-03-01T09:00:00+08:00");
        try (UsageTopic topic = new UsageTopic(brokers)) {
            for (int i = 0; i < 20; i++) {
                topic.send("k-again", UsageTopic.call("k-again", "a-" + i, "PHOTO_VERIFICATION", MARCH, "Success"));
            }
            outcomes(topic, Set.of("k-again"), 20);
            long before = allCallEvents();
            var factory = new DefaultKafkaConsumerFactory<String, byte[]>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new ByteArrayDeserializer());
            ContainerProperties again = new ContainerProperties("ledger.usage");
            again.setGroupId("replayed-" + System.nanoTime());
            again.setMessageListener(consumer);
            var second = new ConcurrentMessageListenerContainer<>(factory, again);
            second.start();
            try {
                List<JsonNode> twice = outcomes(topic, Set.of("k-again"), 40);
                assertThat(twice.stream().filter(o -> o.path("duplicate").asBoolean())).hasSize(20);
                await().untilAsserted(() -> assertThat(second.getAssignedPartitions()).isNotEmpty());
            } finally {
                second.stop();
            }
            assertThat(allCallEvents()).isEqualTo(before);
        }
        assertThat(callEvents("k-again")).isEqualTo(20);
    }

    @Test
    @Order(6)
    void operatorsSeeTheLagPerPartitionAndTheRecordsFinished() throws Exception {
        await().untilAsserted(() -> assertThat(intake.snapshot().totalLag()).isZero());
        IntakeStatus.Snapshot now = intake.snapshot();
        assertThat(now.partitions()).hasSize(3).allSatisfy(p -> assertThat(p.committed()).isEqualTo(p.end()));
        assertThat(now.metered()).isGreaterThanOrEqualTo(60);
        assertThat(now.deadLetters()).isGreaterThanOrEqualTo(12);
        assertThat(now.problem()).isNull();
        ConsoleClient console = new ConsoleClient(port);
        console.signIn(Http.OPERATOR);
        String page = console.get("/console/admin").body();
        assertThat(page).contains("Usage from Kafka").contains("0 records waiting").contains("id=\"intake-lag\"");
        Http.Response metrics = new Http(port).get("/actuator/prometheus");
        assertThat(metrics.text()).containsPattern("(?m)^ledger_kafka_records_total\\{result=\"dead_letter\"\\} [1-9]")
                .containsPattern("(?m)^ledger_kafka_lag\\{partition=\"[0-2]\",topic=\"ledger.usage\"\\} 0");
    }
}
