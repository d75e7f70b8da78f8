package com.faceid.ledger.app.replay;

import com.faceid.ledger.app.LedgerProperties;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A replay that does not go through the streaming processor: the stored events are read in order and handed,
 * a chunk at a time ({@code ledger.replay-chunk-events}, 20,000), to the processor's own handlers, in one
 * unit of work and one transaction each (the next chunks are read meanwhile, on a thread of their own);
 * then every segment's token is set after the last event, and the processor, started again, carries on from
 * there.
 * <p>
 * Why: through the pooled processor every event also pays for the coordinator, the hand-over to a work
 * package and a commit per 1000 events, and a batch over many accounts touches as many rows as it has
 * events. Here a chunk's calls are summed by the views' own set-based buffers (axon.PerBatch) over
 * a chunk's events, so each row is written once per chunk. The handlers are the same code as live
 * processing; ReadModelVerifier and the audit tests compare the result with a fold of the events.
 */
@Component
public class BulkReplay {
    /** Events per unit of work and transaction ({@code ledger.replay-chunk-events}). */
    private final int chunkSize;

    private final EventStorageEngine storage;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private volatile long position = -1;

    public BulkReplay(EventStorageEngine storage, TokenStore tokens, TransactionManager transactions,
                      LedgerProperties props) {
        this.chunkSize = props.replayChunkEvents(); // at least 1: LedgerProperties is validated
        this.storage = storage;
        this.tokens = tokens;
        this.transactions = transactions;
    }

    /** The global index of the last event replayed, -1 before the first. */
    public long position() {
        return position;
    }

    /**
     * Replays every stored event into the (shut down, reset) processor's handlers and moves its tokens after
     * the last one; the caller starts the processor afterwards.
     */
    public void run(StreamingEventProcessor processor) {
        position = -1;
        EventHandlerInvoker handlers = ((AbstractEventProcessor) processor).eventHandlerInvoker();
        TrackingToken last = null;
        Reader reader = new Reader();
        reader.start();
        try {
            for (List<TrackedEventMessage<?>> chunk = reader.next(); chunk != null; chunk = reader.next()) {
                handle(handlers, chunk);
                last = chunk.get(chunk.size() - 1).trackingToken();
                position = last.position().orElse(position);
            }
        } finally {
            reader.halt();
        }
        if (last != null) {
            TrackingToken after = last;
            for (int segment : tokens.fetchSegments(processor.getName())) {
                transactions.executeInTransaction(() -> {
                    tokens.fetchToken(processor.getName(), segment); // claims it for this node
                    tokens.storeToken(after, processor.getName(), segment);
                    tokens.releaseClaim(processor.getName(), segment);
                });
            }
        }
    }

    /**
     * Reads the next chunks on its own thread while the handlers work on the current one (reading the rows
     * and handling the events each take about half of a replay's time), at most two chunks ahead.
     */
    private final class Reader extends Thread {
        private final List<TrackedEventMessage<?>> end = new ArrayList<>(0);
        private final BlockingQueue<List<TrackedEventMessage<?>>> chunks = new ArrayBlockingQueue<>(2);
        private volatile boolean stopped;
        private volatile RuntimeException failure;

        Reader() {
            super("replay-reader");
            setDaemon(true);
        }

        @Override
        public void run() {
            try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
                Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
                List<TrackedEventMessage<?>> chunk = new ArrayList<>(Math.min(chunkSize, 100_000));
                while (!stopped && it.hasNext()) {
                    chunk.add(it.next());
                    if (chunk.size() == chunkSize || !it.hasNext()) {
                        hand(chunk);
                        chunk = new ArrayList<>(Math.min(chunkSize, 100_000));
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                hand(end);
            }
        }

        private void hand(List<TrackedEventMessage<?>> chunk) {
            try {
                while (!stopped && !chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                    // the handlers are still two chunks behind: offer again, unless the replay was halted
                }
            } catch (InterruptedException e) {
                stopped = true;
            }
        }

        /** The next chunk in order, or null after the last; a failure to read is thrown here. */
        List<TrackedEventMessage<?>> next() {
            try {
                List<TrackedEventMessage<?>> chunk = chunks.take();
                if (chunk == end) {
                    if (failure != null) {
                        throw failure;
                    }
                    return null;
                }
                return chunk;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("replay interrupted", e);
            }
        }

        void halt() {
            stopped = true;
            chunks.clear();
        }
    }

    private void handle(EventHandlerInvoker handlers, List<TrackedEventMessage<?>> chunk) {
        BatchingUnitOfWork<TrackedEventMessage<?>> uow = new BatchingUnitOfWork<>(chunk);
        uow.attachTransaction(transactions);
        var result = uow.executeWithResult(() -> {
            handlers.handle(uow.getMessage(), Segment.ROOT_SEGMENT);
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable t = result.exceptionResult();
            throw t instanceof RuntimeException r ? r : new IllegalStateException("replay failed", t);
        }
    }
}
