package com.faceid.ledger.app.axon;

import com.faceid.ledger.app.store.EventStoreReader;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read models follow the event store a few milliseconds behind. An endpoint that answers with a view of
 * what it just changed waits here (bounded) until its read model has caught up; if it has not within
 * the bound, the answer is still correct as of the read model, and the change itself is already durable.
 */
@Component
public record ReadModels(EventProcessingConfiguration processing, JdbcTemplate jdbc, Serializer serializer,
        WakingEventSource readModelSource, EventStoreReader events) {
    static final long MAX_WAIT_NANOS = 10_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(ReadModels.class);

    public boolean await(BooleanSupplier caughtUp) {
        if (caughtUp.getAsBoolean()) {
            return true;
        }
        readModelSource.wakeNow(); // someone waits: no need to wait for the processor's next round
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        while (!caughtUp.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                LOG.warn("read models did not catch up within {} s; answering from them as they are",
                        MAX_WAIT_NANOS / 1_000_000_000L);
                return false;
            }
            LockSupport.parkNanos(2_000_000L);
        }
        return true;
    }

    /** Waits (bounded) until the read models have handled the account's last stored event (none: no wait). */
    public void awaitAccount(String accountId) {
        Long head = events.lastGlobalIndex(accountId);
        if (head != null) {
            await(() -> caughtUpTo(head));
        }
    }

    /**
     * Waits (bounded) until every segment of every streaming processor has committed its progress up to the
     * last stored event. Read from the token table, not from this node's view: a segment may be claimed by
     * another node, or still by a crashed one until its claim times out; read-model writes commit with
     * their token, so a committed token at the head means the rows are there.
     */
    public boolean awaitAll() {
        Long head = events.head();
        return head == null || await(() -> caughtUpTo(head));
    }

    /**
     * Has every segment of every streaming processor handled every event up to {@code head}? A segment this
     * node holds answers from its live status (a segment that handles none of the recent events commits its
     * token only on its next claim extension); any other segment from its committed token.
     */
    public boolean caughtUpTo(long head) {
        return processing.eventProcessors().values().stream().filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast).allMatch(p -> caughtUp(p, head));
    }

    private boolean caughtUp(StreamingEventProcessor p, long head) {
        return slowestPosition(p) >= head;
    }

    /**
     * How many stored events the slowest segment of any streaming processor has yet to handle (0 when caught
     * up): {@code ledger_read_model_lag_events}.
     */
    public long lag() {
        Long head = events.head();
        if (head == null) {
            return 0;
        }
        long slowest = processing.eventProcessors().values().stream().filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast).mapToLong(this::slowestPosition).min().orElse(head);
        return Math.max(0, head - slowest);
    }

    /** The position of a processor's least advanced segment; -1 when one has none yet (or none exist). */
    private long slowestPosition(StreamingEventProcessor p) {
        var live = p.processingStatus();
        List<Object[]> rows = jdbc.query("SELECT segment, token, tokenType FROM TokenEntry WHERE processorName = ?",
                (rs, i) -> new Object[]{rs.getInt(1), rs.getBytes(2), rs.getString(3)}, p.getName());
        if (rows.isEmpty()) {
            return -1;
        }
        long slowest = Long.MAX_VALUE;
        for (Object[] row : rows) {
            var status = live.get((Integer) row[0]);
            long position;
            if (status != null && !status.isErrorState()) {
                position = status.getCurrentPosition().orElse(-1);
            } else if (row[1] == null) {
                return -1;
            } else {
                TrackingToken t = serializer.deserialize(new SimpleSerializedObject<>((byte[]) row[1], byte[].class,
                        new SimpleSerializedType((String) row[2], null)));
                position = t.position().orElse(-1);
            }
            slowest = Math.min(slowest, position);
        }
        return slowest;
    }
}
