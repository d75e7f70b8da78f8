package com.faceid.ledger.app.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The read-model processor's event source: the event store, whose streams wake the processor as soon as
 * this node commits events.
 * <p>
 * Why: Axon's pooled processor, once caught up, asks its stream for an "events available" callback; the
 * embedded event store's streams offer none, so the processor looked again only every 500 ms, and every
 * answer that waits for its own events in the views (opening an account) took half a second. Here each
 * commit that carried events wakes every open stream; the woken stream then waits briefly
 * ({@code commitWait}) for the store's reader to bring the just-committed events in. Events committed by
 * another node (no local commit to hear of) are picked up by a wake-up every {@code fallback}, which is the
 * old 500 ms poll.
 */
public final class WakingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {
    private final EventStore store;
    private final long commitWaitMs;
    private final Set<WakingStream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService fallback;

    public WakingEventSource(EventStore store, Duration fallbackEvery, Duration commitWait) {
        this.store = store;
        this.commitWaitMs = commitWait.toMillis();
        // hears every publication in its unit of work's prepare-commit; wakes the streams once it committed
        store.subscribe(events -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().root().afterCommit(u -> wakeAll(true));
            } else {
                wakeAll(true);
            }
        });
        this.fallback = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "read-models-waker");
            t.setDaemon(true);
            return t;
        });
        long every = fallbackEvery.toMillis();
        fallback.scheduleWithFixedDelay(() -> wakeAll(false), every, every, TimeUnit.MILLISECONDS);
    }

    private void wakeAll(boolean committedHere) {
        open.forEach(s -> s.wake(committedHere));
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new WakingStream(store.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    @Override
    public void close() {
        fallback.shutdownNow();
    }

    private final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;
        /** Set by a local commit; the next "anything available?" waits briefly for those events. */
        private volatile boolean committed;

        WakingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        void wake(boolean committedHere) {
            if (committedHere) {
                committed = true;
            }
            Runnable cb = callback;
            if (cb != null) {
                cb.run();
            }
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            open.add(this);
            return true;
        }

        @Override
        public boolean hasNextAvailable() {
            if (delegate.hasNextAvailable()) {
                return true;
            }
            if (committed) {
                committed = false;
                try {
                    return delegate.hasNextAvailable((int) commitWaitMs, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            open.remove(this);
            callback = null;
            delegate.close();
        }
    }
}
