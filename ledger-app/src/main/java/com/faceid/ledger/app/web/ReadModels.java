package com.faceid.ledger.app.web;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Read models follow the event store a few milliseconds behind. An endpoint that answers with a view of
 * what it just changed waits here (bounded) until its read model has caught up; if it has not within
 * the bound, the answer is still correct as of the read model, and the change itself is already durable.
 */
@Component
public class ReadModels {
    static final long MAX_WAIT_NANOS = 10_000_000_000L;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;

    public ReadModels(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    public boolean await(BooleanSupplier caughtUp) {
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        while (!caughtUp.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(2_000_000L);
        }
        return true;
    }

    /** Waits until every streaming processor has handled every event stored so far. */
    public boolean awaitAll() {
        Long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        if (head == null) {
            return true;
        }
        return await(() -> processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .allMatch(p -> reached(p, head)));
    }

    private static boolean reached(StreamingEventProcessor p, long head) {
        if (p.processingStatus().isEmpty()) {
            return false;
        }
        for (EventTrackerStatus s : p.processingStatus().values()) {
            if (s.isErrorState() || s.getCurrentPosition().orElse(-1) < head) {
                return false;
            }
        }
        return true;
    }
}
