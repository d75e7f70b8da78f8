package com.faceid.ledger.app.web;

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
    static final long MAX_WAIT_NANOS = 5_000_000_000L;

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
}
