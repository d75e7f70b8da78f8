package com.faceid.ledger.app.store;

import com.faceid.ledger.app.LedgerApplication;
import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.faceid.ledger.app.support.PostgresTestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two ledger nodes on one PostgreSQL database (runs with LEDGER_TEST_DB=postgres): metering through both at
 * once on shared and separate accounts charges every call once and never oversells a package; both
 * nodes answer identical statements after catch-up; the read-model segments are owned by both; a due
 * expiry, raced by both schedulers, is recorded once.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
class TwoNodesTest {
    static ConfigurableApplicationContext node(String url, String nodeId) {
        return new SpringApplicationBuilder(LedgerApplication.class).run(RestartTest.args(Http.KEY_ARGS,
                "--server.port=0", "--spring.datasource.url=" + url, "--logging.level.org.axonframework=WARN",
                "--ledger.scheduler-enabled=true", "--ledger.scheduler-poll=PT0.2S",
                "--ledger.processor-max-claimed-segments=1", "--ledger.node-id=" + nodeId));
    }

    static Http http(ConfigurableApplicationContext ctx) {
        return new Http(Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void twoNodesShareOneDatabase() throws Exception {
        assumeTrue(PostgresTestDatabase.enabled(), "two nodes need a shared server database: run with LEDGER_TEST_DB=postgres");
        String url = "jdbc:h2:file:./target/h2/two-nodes-" + UUID.randomUUID() + "/ledger"; // mapped to one PG schema
        try (ConfigurableApplicationContext a = node(url, "node-a");
             ConfigurableApplicationContext b = node(url, "node-b")) {
            Http ha = http(a);
            Http hb = http(b);
            Ledger la = new Ledger(ha);
            // both nodes run on the test clock (simulated, 1 April 2026 noon): accounts are opened now
            java.time.OffsetDateTime now = java.time.OffsetDateTime.parse(Http.CLOCK_ARGS[1].substring(
                    "--ledger.clock.start=".length()));
            String month = java.time.YearMonth.from(now).toString();
            String callAt = now.toString();
            la.open("shared", now.toString());
            la.open("only-a", now.toString());
            new Ledger(hb).open("only-b", now.toString());
            assertThat(la.buy("shared", "new", "WECHAT_LIVENESS_VERIFICATION", 100, now.toString())
                    .status()).isEqualTo(201);

            Map<String, AtomicInteger> charged = new ConcurrentHashMap<>();
            Set<Integer> statuses = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                Http node = thread % 2 == 0 ? ha : hb;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        // shared account from both nodes, the same requestIds sent to both nodes
                        String id = "s-" + (thread / 2) + "-" + i;
                        Http.Response r = new Ledger(node).call("shared", id, "WECHAT_LIVENESS_VERIFICATION",
                                callAt);
                        statuses.add(r.status());
                        if (r.status() == 201) {
                            charged.computeIfAbsent(r.json().path("chargedTo").asText(), c -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        String own = thread % 2 == 0 ? "only-a" : "only-b";
                        statuses.add(new Ledger(node).call(own, "o-" + thread + "-" + i, "BANK_CARD_VERIFICATION",
                                callAt).status());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertThat(statuses).containsOnly(200, 201);
            // 4 distinct id streams × 60 = 240 calls, each sent twice (once per node), charged once
            assertThat(charged.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(240);
            assertThat(charged.get("PURCHASED").get()).isEqualTo(100);
            assertThat(charged.get("POSTPAID").get()).isEqualTo(140);

            JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = 'shared'"
                    + " AND payloadType LIKE '%CallMetered'", Long.class)).isEqualTo(240);

            // both nodes answer the same statements and packages once caught up
            for (String acct : List.of("shared", "only-a", "only-b")) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode fromA = new Ledger(ha).statement(acct, month);
                    assertThat(new Ledger(hb).statement(acct, month)).isEqualTo(fromA);
                    assertThat(fromA.path("lines").findValues("calls").stream().mapToInt(JsonNode::asInt).sum())
                            .isEqualTo(240);
                });
            }

            // segments: every read-model processor has its two segments claimed by two different nodes
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String processor : List.of(com.faceid.ledger.app.axon.ProcessingGroups.READ_MODELS)) {
                    List<String> owners = jdbc.queryForList("SELECT owner FROM TokenEntry WHERE processorName = ?",
                            String.class, processor);
                    assertThat(owners).as(processor).hasSize(2).doesNotContainNull();
                    assertThat(Set.copyOf(owners)).as(processor).hasSize(2);
                }
            });

            // holds placed on the shared account through both nodes, every other one captured: the account's one
            // hold-expiry step is then raced for by both schedulers below
            for (int i = 0; i < 12; i++) {
                Http node = i % 2 == 0 ? ha : hb;
                assertThat(node.post("/api/v1/accounts/shared/holds", "{\"holdId\":\"x-" + i
                        + "\",\"service\":\"WECHAT_LIVENESS_VERIFICATION\"}").status()).isEqualTo(201);
                if (i % 4 < 2) {
                    assertThat(node.post("/api/v1/accounts/shared/holds/x-" + i + "/capture",
                            "{\"requestId\":\"xc-" + i + "\"}").status()).isEqualTo(201);
                }
            }

            // a year and a few days later the grants' expiries are due: both nodes move their clocks there at once,
            // so both schedulers race for every step on the way; each is recorded once
            String later = "{\"now\":\"" + now.plusYears(1).plusDays(4) + "\"}";
            ExecutorService movers = Executors.newFixedThreadPool(2);
            List<Future<Http.Response>> moves = List.of(movers.submit(() -> ha.post("/api/v1/admin/clock", later)),
                    movers.submit(() -> hb.post("/api/v1/admin/clock", later)));
            for (Future<Http.Response> m : moves) {
                assertThat(m.get(5, TimeUnit.MINUTES).status()).isEqualTo(200);
            }
            movers.shutdown();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                    "SELECT status FROM scheduled_step WHERE account_id = 'shared' AND kind = 'EXPIRE_PACKAGE'"
                            + " AND ref LIKE 'FREE-%'", String.class)).containsExactly("DONE", "DONE", "DONE"));
            // every hold not captured is recorded expired once, at its own expiry, by one of the two schedulers
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(jdbc.queryForList("SELECT status FROM scheduled_step WHERE account_id = 'shared'"
                        + " AND kind = 'EXPIRE_HOLDS'", String.class)).containsExactly("DONE");
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier ="
                        + " 'shared' AND payloadType LIKE '%HoldExpired'", Long.class)).isEqualTo(6);
            });
            for (int i = 0; i < 12; i++) {
                assertThat(ha.get("/api/v1/accounts/shared/holds/x-" + i).json().path("status").asText())
                        .as("x-" + i).isEqualTo(i % 4 < 2 ? "CAPTURED" : "EXPIRED");
            }
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = 'shared'"
                    + " AND payloadType LIKE '%PackageExpired'", Long.class)).isEqualTo(4); // and the package bought

            // a replay needs every read-model segment: node b is alive and holds one, so node a refuses it (after
            // waiting for claims to lapse, which a live node's never do) with a clear problem, and its read models
            // go on as they were
            Http.Response replay = ha.post("/api/v1/admin/replay");
            assertThat(replay.status()).as(replay.text()).isEqualTo(409);
            assertThat(replay.code()).isEqualTo("READ_MODELS_CLAIMED");
            assertThat(ha.get("/api/v1/admin/replay").json().path("status").asText()).isNotEqualTo("RUNNING");
            java.time.OffsetDateTime then = now.plusYears(1).plusDays(4);
            assertThat(new Ledger(ha).call("only-a", "after-replay", "BANK_CARD_VERIFICATION", then.toString())
                    .status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(new Ledger(ha).statement("only-a",
                    java.time.YearMonth.from(then).toString()).path("lines").findValues("calls").stream()
                    .mapToInt(JsonNode::asInt).sum()).isEqualTo(1));
        }
    }
}
