package com.faceid.ledger.app.store;

import com.faceid.ledger.app.LedgerApplication;
import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 2xx means on disk. The ledger runs as a child process; threads meter single calls and batches; the
 * process is killed with SIGKILL at a random moment and started again on the same files. Every
 * acknowledged call must be there exactly once (no loss, no double), answer a repeat as a duplicate, and
 * no call may be recorded twice. {@code -Dcrash.rounds=N} (default 3; scripts/crash-test.sh runs 20).
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
public class CrashRecoveryTest {
    static final String ACCOUNT = "crash";

    @Test
    void acknowledgedCallsSurviveSigkill() throws Exception {
        int rounds = Integer.getInteger("crash.rounds", 3);
        Path dir = Files.createDirectories(Path.of("target", "h2", "crash-" + UUID.randomUUID()));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Random random = new Random();
        int lost = 0;
        int doubled = 0;
        // each round meters on a process and kills it; the process started on the same files to check that round
        // is the one the next round meters on and kills (one start a round, not two)
        int port = freePort();
        Process p = start(dir, port);
        for (int round = 1; round <= rounds; round++) {
            try {
                Http http = new Http(port);
                awaitHealthy(port, p);
                if (round == 1) {
                    assertThat(http.post("/api/v1/accounts", "{\"accountId\":\"" + ACCOUNT
                            + "\",\"openedAt\":\"2026-03-10T15:00:00+08:00\"}").status()).isEqualTo(201);
                }
                AtomicBoolean dead = new AtomicBoolean();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                int r = round;
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    pool.submit(() -> meter(http, r, thread, acknowledged, dead));
                }
                // a random moment while the threads are metering (not a wait for a condition)
                java.util.concurrent.locks.LockSupport.parkNanos((500 + random.nextInt(2500)) * 1_000_000L);
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                p.waitFor(30, TimeUnit.SECONDS);
                dead.set(true);
                pool.shutdown();
                pool.awaitTermination(60, TimeUnit.SECONDS);
            } finally {
                p.destroyForcibly();
            }
            // restart on the same files and check every acknowledged call
            port = freePort();
            p = start(dir, port);
            boolean next = false;
            try {
                awaitHealthy(port, p);
                Http http = new Http(port);
                Map<String, Integer> recorded = recordedCalls(http);
                for (String id : acknowledged) {
                    int n = recorded.getOrDefault(id, 0);
                    lost += n == 0 ? 1 : 0;
                }
                for (int n : recorded.values()) {
                    doubled += n > 1 ? 1 : 0;
                }
                List<String> sample = new ArrayList<>(acknowledged).subList(0, Math.min(20, acknowledged.size()));
                for (String id : sample) {
                    JsonNode again = http.post("/api/v1/accounts/" + ACCOUNT + "/calls", "{\"requestId\":\"" + id
                            + "\",\"service\":\"BANK_CARD_VERIFICATION\",\"occurredAt\":\"2026-03-20T10:00:00+08:00\"}")
                            .json();
                    assertThat(again.path("duplicate").asBoolean()).as(id).isTrue();
                }
                // the dead process's segment claims expire first (claim timeout), then the read models catch up
                JsonNode verified = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90))
                        .until(() -> http.get("/api/v1/admin/verify").json(), v -> v.path("caughtUp").asBoolean());
                assertThat(verified.path("differences")).as("read models after a crash").isEmpty();
                System.out.printf("crash round %d: %d acknowledged so far, %d recorded, lost %d, doubled %d,"
                        + " verify differences %d%n", round, acknowledged.size(), recorded.size(), lost, doubled,
                        verified.path("differences").size());
                next = round < rounds;
            } finally {
                if (!next) {
                    p.destroy();
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
        System.out.printf("crash test: %d rounds, %d acknowledged calls, 0 expected lost: %d, 0 expected doubled: %d%n",
                rounds, acknowledged.size(), lost, doubled);
        assertThat(acknowledged).isNotEmpty();
        assertThat(lost).as("acknowledged calls lost").isZero();
        assertThat(doubled).as("calls recorded twice").isZero();
    }

    static void meter(Http http, int round, int thread, Set<String> acknowledged, AtomicBoolean dead) {
        for (int i = 0; !dead.get(); i++) {
            try {
                if (i % 5 == 4) {
                    List<String> ids = new ArrayList<>();
                    StringBuilder calls = new StringBuilder();
                    for (int k = 0; k < 20; k++) {
                        String id = "b" + round + "-" + thread + "-" + i + "-" + k;
                        ids.add(id);
                        calls.append(k == 0 ? "" : ",").append("{\"accountId\":\"").append(ACCOUNT)
                                .append("\",\"requestId\":\"").append(id).append("\",\"service\":\"BANK_CARD_VERIFICATION\","
                                        + "\"occurredAt\":\"2026-03-20T10:00:00+08:00\"}");
                    }
                    Http.Response r = http.post("/api/v1/calls:batch", "{\"calls\":[" + calls + "]}");
                    if (r.status() == 200) {
                        for (JsonNode one : r.json().path("results")) {
                            if (one.path("status").asInt() == 201) {
                                acknowledged.add(one.path("requestId").asText());
                            }
                        }
                    }
                } else {
                    String id = "s" + round + "-" + thread + "-" + i;
                    Http.Response r = http.post("/api/v1/accounts/" + ACCOUNT + "/calls", "{\"requestId\":\"" + id
                            + "\",\"service\":\"BANK_CARD_VERIFICATION\",\"occurredAt\":\"2026-03-20T10:00:00+08:00\"}");
                    if (r.status() == 201) {
                        acknowledged.add(id);
                    }
                }
            } catch (RuntimeException connectionGone) {
                if (dead.get()) {
                    return;
                }
            }
        }
    }

    /** requestId → how many CallMetered events record it, straight from the event history. */
    static Map<String, Integer> recordedCalls(Http http) {
        Map<String, Integer> seen = new HashMap<>();
        for (int page = 0; ; page++) {
            JsonNode events = http.get("/api/v1/accounts/" + ACCOUNT + "/events?type=CallMetered&size=1000&page="
                    + page).json().path("events");
            for (JsonNode e : events) {
                seen.merge(e.path("payload").path("requestId").asText(), 1, Integer::sum);
            }
            if (events.size() < 1000) {
                return seen;
            }
        }
    }

    /** Starts the ledger as a child process on the H2 files in {@code dir}, with any further arguments. */
    public static Process start(Path dir, int port, String... more) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-Ddisable-axoniq-console-message=true",
                "-cp", System.getProperty("java.class.path"), LedgerApplication.class.getName(),
                "--server.port=" + port, "--spring.datasource.url=jdbc:h2:file:" + dir.toAbsolutePath()
                        + "/ledger;WRITE_DELAY=0", "--ledger.scheduler-enabled=false",
                "--logging.level.root=WARN", "--logging.level.com.faceid.ledger.app.store=INFO"));
        cmd.addAll(List.of(Http.KEY_ARGS));
        cmd.addAll(List.of(Http.CLOCK_ARGS));
        cmd.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(new File(dir.toFile(), "child-" + port + ".log"));
        pb.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return pb.start();
    }

    public static void awaitHealthy(int port, Process p) {
        Http http = new Http(port);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("the ledger process died while starting");
                    }
                    return http.get("/actuator/health").status() == 200;
                });
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
