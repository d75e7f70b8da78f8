package com.faceid.ledger.app.metering;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Any number of concurrent requests on one account never oversell a package nor charge a requestId twice. */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConcurrencyTest {
    @LocalServerPort
    int port;

    @Test
    void sixteenThreadsNeverOversellAHundredCallPackage() throws Exception {
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        ledger.open("race", "2026-03-10T15:00:00+08:00");
        assertThat(ledger.buy("race", "po", "WECHAT_LIVENESS_VERIFICATION", 100, "2026-03-11T09:00:00+08:00")
                .status()).isEqualTo(201);
        Map<String, AtomicInteger> charged = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 400; i++) {
                    Http.Response r = ledger.call("race", "t" + thread + "-" + i, "WECHAT_LIVENESS_VERIFICATION",
                            "2026-03-12T10:00:00+08:00");
                    statuses.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
                    if (r.status() == 201) {
                        charged.computeIfAbsent(r.json().path("chargedTo").asText(), c -> new AtomicInteger())
                                .incrementAndGet();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(statuses.keySet()).containsExactly(201);
        assertThat(charged.get("PURCHASED").get()).isEqualTo(100);
        assertThat(charged.get("POSTPAID").get()).isEqualTo(6300);
    }

    @Test
    void sixtyFourCopiesOfOneRequestIdChargeOnce() throws Exception {
        Http http = new Http(port);
        Ledger ledger = new Ledger(http);
        ledger.open("dup", "2026-03-10T15:00:00+08:00");
        long before = ledger.eventCount("dup");
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> responses = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            responses.add(pool.submit(() -> {
                go.await();
                return ledger.call("dup", "same", "PHOTO_VERIFICATION", "2026-03-12T10:00:00+08:00");
            }));
        }
        go.countDown();
        int created = 0;
        int duplicates = 0;
        for (Future<Http.Response> f : responses) {
            Http.Response r = f.get(2, TimeUnit.MINUTES);
            assertThat(r.status()).as(r.text()).isIn(200, 201);
            assertThat(r.json().path("packageId").asText()).isEqualTo("FREE-PHOTO_VERIFICATION");
            if (r.status() == 201) {
                created++;
            } else {
                assertThat(r.json().path("duplicate").asBoolean()).isTrue();
                duplicates++;
            }
        }
        pool.shutdown();
        assertThat(created).isEqualTo(1);
        assertThat(duplicates).isEqualTo(63);
        assertThat(ledger.eventCount("dup")).isEqualTo(before + 1);
    }
}
