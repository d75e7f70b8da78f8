package com.faceid.ledger.app.axon;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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

    /**
     * Applies {@code change} to the current batch's buffer under {@code key}; outside a batch, to a fresh buffer
     * flushed at once.
     */
    public static <B extends Buffer> void apply(String key, Supplier<B> create, Consumer<B> change) {
        B buffer = buffer(key, create);
        if (buffer != null) {
            change.accept(buffer);
        } else {
            B now = create.get();
            change.accept(now);
            now.flush();
        }
    }

    /**
     * Counters summed per row over a batch, written as one JDBC batch of updates, then one of inserts for the rows
     * the updates did not find. Both statements take the row's deltas first, then its key columns, in order.
     */
    public static final class Counters implements Buffer {
        private final JdbcTemplate jdbc;
        private final String update;
        private final String insert;
        private final int width;
        private final Map<List<?>, long[]> deltas = new LinkedHashMap<>();

        /** @param width how many counters a row has */
        public Counters(JdbcTemplate jdbc, String update, String insert, int width) {
            this.jdbc = jdbc;
            this.update = update;
            this.insert = insert;
            this.width = width;
        }

        /** The pending deltas of the row with these key columns (add to them). */
        public long[] of(List<?> key) {
            return deltas.computeIfAbsent(key, k -> new long[width]);
        }

        @Override
        public void flush() {
            if (deltas.isEmpty()) {
                return;
            }
            List<Object[]> rows = new ArrayList<>(deltas.size());
            deltas.forEach((key, d) -> {
                Object[] row = new Object[width + key.size()];
                for (int i = 0; i < width; i++) {
                    row[i] = d[i];
                }
                for (int i = 0; i < key.size(); i++) {
                    row[width + i] = key.get(i);
                }
                rows.add(row);
            });
            deltas.clear();
            int[] updated = jdbc.batchUpdate(update, rows);
            List<Object[]> missing = new ArrayList<>();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) { // the row's first counts
                    missing.add(rows.get(i));
                }
            }
            if (!missing.isEmpty()) {
                jdbc.batchUpdate(insert, missing);
            }
        }
    }
}
