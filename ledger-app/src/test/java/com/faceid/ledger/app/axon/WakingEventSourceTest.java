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

/** The read models' source wakes its streams on this node's commits, not before, and not after close. */
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
    void aCommitWakesTheStreamAfterItCommittedAndTheEventsAreThereWhenItLooks() {
        source = new WakingEventSource(store, Duration.ofHours(1), Duration.ofSeconds(5));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger woken = new AtomicInteger();
        assertThat(stream.setOnAvailableCallback(woken::incrementAndGet)).isTrue();

        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        store.publish(GenericEventMessage.asEventMessage("first"));
        uow.onCommit(u -> assertThat(woken.get()).as("woken before the commit").isZero());
        uow.commit();

        assertThat(woken.get()).isEqualTo(1);
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.peek().map(m -> (Object) m.getPayload())).contains("first");
        stream.close();
    }

    @Test
    void aClosedStreamIsNoLongerWoken() {
        source = new WakingEventSource(store, Duration.ofHours(1), Duration.ofMillis(10));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger woken = new AtomicInteger();
        stream.setOnAvailableCallback(woken::incrementAndGet);
        store.publish(GenericEventMessage.asEventMessage("outside a unit of work"));
        assertThat(woken.get()).isEqualTo(1);

        stream.close();
        store.publish(GenericEventMessage.asEventMessage("after close"));
        assertThat(woken.get()).isEqualTo(1);
    }

    @Test
    void withoutLocalCommitsTheFallbackStillWakesTheStream() {
        source = new WakingEventSource(store, Duration.ofMillis(20), Duration.ofMillis(10));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger woken = new AtomicInteger();
        stream.setOnAvailableCallback(woken::incrementAndGet);
        await().atMost(Duration.ofSeconds(5)).until(() -> woken.get() >= 3);
        assertThat(stream.hasNextAvailable()).isFalse();
        stream.close();
    }
}
