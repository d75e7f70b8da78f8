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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The read-model processor's event source: the event store, whose streams wake the processor soon after
 * this node commits events, and at once when a request waits for its own write in the views.
 * <p>
 * Why: Axon's pooled processor, once caught up, asks its stream for an "events available" callback; the
 * embedded event store's streams offer none, so the processor looked again only every 500 ms, and every
 * answer that waits for its own events in the views (opening an account) took half a second.
 * <ul>
 * <li>{@link #wakeNow()} (called by {@code web.ReadModels} when a request starts waiting) wakes every open
 * stream at once;</li>
 * <li>a commit that carried events wakes them {@code commitCoalesce} later, once for all the commits of that
 * window: waking on every commit made the processor commit a token and a view row for nearly every metered
 * call, a second durable commit per call;</li>
 * <li>events committed by another node (no local commit to hear of) are picked up by a wake-up every
 * {@code fallback}, the old 500 ms poll.</li>
 * </ul>
 * A woken stream that finds nothing yet waits up to {@code commitWait} for the store's reader to bring the
 * just-committed events in.
 */
public final class WakingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {
    private final EventStore store;
    private final long commitWaitMs;
    private final long coalesceMs;
    private final Set<WakingStream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();

    public WakingEventSource(EventStore store, Duration fallbackEvery, Duration commitCoalesce, Duration commitWait) {
        this.store = store;
        this.commitWaitMs = commitWait.toMillis();
        this.coalesceMs = commitCoalesce.toMillis();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "read-models-waker");
            t.setDaemon(true);
            return t;
        });
        // hears every publication in its unit of work's prepare-commit; wakes the streams after it committed
        store.subscribe(events -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().root().afterCommit(u -> committed());
            } else {
                committed();
            }
        });
        long every = fallbackEvery.toMillis();
        scheduler.scheduleWithFixedDelay(() -> wakeAll(false), every, every, TimeUnit.MILLISECONDS);
    }

    /** Wakes every open stream now: a request is waiting for its own write to show in the views. */
    public void wakeNow() {
        wakeAll(true);
    }

    private void committed() {
        if (wakeScheduled.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                wakeScheduled.set(false);
                wakeAll(true);
            }, coalesceMs, TimeUnit.MILLISECONDS);
        }
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
        scheduler.shutdownNow();
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
