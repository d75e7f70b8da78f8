package com.faceid.ledger.app.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read models' source wakes its streams after this node's commits (once per coalescing window), at once
 * when asked, never before a commit, and not after a stream is closed.
 */
class WakingEventSourceTest {
    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private WakingEventSource source;

    @AfterEach
    void stop() {
        source.close();
        store.shutDown();
    }

    @Test
    void commitsWakeTheStreamOnceAfterTheWindowAndTheEventsAreThereWhenItLooks() {
        source = new WakingEventSource(store, Duration.ofHours(1), Duration.ofMillis(200), Duration.ofSeconds(5));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger woken = new AtomicInteger();
        assertThat(stream.setOnAvailableCallback(woken::incrementAndGet)).isTrue();

        for (int i = 0; i < 3; i++) {
            DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
            store.publish(GenericEventMessage.asEventMessage("event " + i));
            uow.onCommit(u -> assertThat(woken.get()).as("woken before the commit").isZero());
            uow.commit();
        }
        assertThat(woken.get()).as("not before the window closes").isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> woken.get() == 1);
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.peek().map(m -> (Object) m.getPayload())).contains("event 0");
        // three commits in one window: one wake-up
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> woken.get() == 1);
        stream.close();
    }

    @Test
    void aWaitingRequestWakesTheStreamAtOnceAndAClosedStreamIsNoLongerWoken() {
        source = new WakingEventSource(store, Duration.ofHours(1), Duration.ofHours(1), Duration.ofMillis(10));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger woken = new AtomicInteger();
        stream.setOnAvailableCallback(woken::incrementAndGet);
        store.publish(GenericEventMessage.asEventMessage("outside a unit of work"));
        assertThat(woken.get()).as("a commit waits for its window (an hour here)").isZero();
        source.wakeNow();
        assertThat(woken.get()).isEqualTo(1);
        assertThat(stream.hasNextAvailable()).isTrue();

        stream.close();
        source.wakeNow();
        assertThat(woken.get()).isEqualTo(1);
    }

    @Test
    void withoutLocalCommitsTheFallbackStillWakesTheStream() {
        source = new WakingEventSource(store, Duration.ofMillis(20), Duration.ofHours(1), Duration.ofMillis(10));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger woken = new AtomicInteger();
        stream.setOnAvailableCallback(woken::incrementAndGet);
        await().atMost(Duration.ofSeconds(5)).until(() -> woken.get() >= 3);
        assertThat(stream.hasNextAvailable()).isFalse();
        stream.close();
    }
}
