package com.faceid.ledger.app.axon;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.function.Supplier;

/**
 * Set-based projection writes: a projection accumulates what a whole processor batch changes (summed
 * counters, last values) in a buffer bound to the batch's unit of work, and writes it once, with one
 * JDBC batch per table, just before the batch commits with its token. Outside a unit of work (a handler
 * called directly) every write goes straight through.
 * <p>
 * A projection flushes its buffer itself before any other write to the same table, so the rows see the
 * events in stream order (e.g. an expiry after some calls of the same package).
 */
public final class PerBatch {
    /** A buffer of pending writes. */
    public interface Buffer {
        void flush();
    }

    private PerBatch() {
    }

    /** The current batch's buffer under {@code key}, created (and registered to flush) on first use. */
    public static <B extends Buffer> B buffer(String key, Supplier<B> create) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(key, k -> {
            B b = create.get();
            root.onPrepareCommit(u -> b.flush());
            return b;
        });
    }

    /** Flushes the current batch's buffer under {@code key}, if there is one. */
    public static void flush(String key) {
        if (CurrentUnitOfWork.isStarted()) {
            Buffer b = CurrentUnitOfWork.get().root().getResource(key);
            if (b != null) {
                b.flush();
            }
        }
    }
}
