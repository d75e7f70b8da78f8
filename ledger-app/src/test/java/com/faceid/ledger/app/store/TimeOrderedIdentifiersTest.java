package com.faceid.ledger.app.store;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored events' identifiers are unique, time-ordered UUIDs (version 7), and Axon uses them. */
class TimeOrderedIdentifiersTest {
    @Test
    void axonFindsTheFactory() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifiers.class);
    }

    @Test
    void eachIdentifierIsAVersionSevenUuidGreaterThanTheOneBeforeAsAUuidAndAsAString() {
        TimeOrderedIdentifiers ids = new TimeOrderedIdentifiers();
        long before = System.currentTimeMillis();
        UUID previous = ids.next();
        for (int i = 0; i < 100_000; i++) { // far more than 4096 a millisecond: the counter carries into the time
            UUID next = ids.next();
            assertThat(next.version()).isEqualTo(7);
            assertThat(next.variant()).isEqualTo(2);
            assertThat(next).isGreaterThan(previous);
            assertThat(next.toString()).isGreaterThan(previous.toString());
            previous = next;
        }
        long millis = previous.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, System.currentTimeMillis() + 100_000 / 4096 + 1);
    }

    @Test
    void identifiersMadeOnManyThreadsAtOnceAreAllDistinct() throws Exception {
        TimeOrderedIdentifiers ids = new TimeOrderedIdentifiers();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                Set<String> mine = new HashSet<>();
                for (int i = 0; i < 20_000; i++) {
                    mine.add(ids.generateIdentifier());
                }
                seen.addAll(mine);
            }));
        }
        for (Future<?> f : done) {
            f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(seen).hasSize(8 * 20_000);
    }
}
