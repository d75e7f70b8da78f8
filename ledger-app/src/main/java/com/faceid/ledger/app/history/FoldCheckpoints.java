package com.faceid.ledger.app.history;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.axon.ProcessingGroups;
import com.faceid.ledger.app.prepaid.PackagesAsOf;
import com.faceid.ledger.app.statement.StatementQueries;
import com.faceid.ledger.app.statement.StatementsAsOf;
import com.faceid.ledger.app.store.EventStoreReader;
import com.faceid.ledger.pricing.BillingPolicy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoints of each account's fold, so an as-of answer reads at most {@code ledger.as-of-checkpoint-events}
 * events (plus the events of the range it reports) instead of the account's whole history: the quota or a
 * statement as of an instant at 1M calls costs what the last few thousand events cost.
 * <p>
 * Written by the read-models processor: when an account's event number {@code n * every - 1} goes by, the
 * checkpoint before it plus the events since are folded and stored. A checkpoint is a pure function of the
 * events up to its sequence number, so it is never rewritten; a replay finds it there and moves on.
 */
@Component
@ProcessingGroup(ProcessingGroups.READ_MODELS)
public class FoldCheckpoints implements PackagesAsOf,
        StatementsAsOf {
    private final JdbcTemplate jdbc;
    private final EventStoreReader events;
    private final int every;
    private final BillingPolicy policy;

    /** A stored checkpoint: the fold of events 0..sequenceNumber, the last of them recorded at {@code lastAt}. */
    record Checkpoint(long sequenceNumber, Instant lastAt, LedgerFold fold) {
    }

    public FoldCheckpoints(JdbcTemplate jdbc, EventStoreReader events, BillingPolicy policy,
                           LedgerProperties props) {
        this.jdbc = jdbc;
        this.events = events;
        this.policy = policy;
        this.every = props.asOfCheckpointEvents();
    }

    @EventHandler
    void on(Object event, EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> d && (d.getSequenceNumber() + 1) % every == 0) {
            checkpoint(d.getAggregateIdentifier(), d.getSequenceNumber());
        }
    }

    /** Stores the checkpoint at {@code sequence} unless it exists. */
    void checkpoint(String accountId, long sequence) {
        Integer exists = jdbc.queryForObject("SELECT COUNT(*) FROM fold_checkpoint WHERE account_id = ?"
                + " AND sequence_number = ? AND format = ?", Integer.class, accountId, sequence, LedgerFold.FORMAT);
        if (exists != null && exists > 0) {
            return;
        }
        Optional<Checkpoint> before = latest(accountId, "sequence_number < ?", sequence);
        LedgerFold fold = before.map(Checkpoint::fold).orElseGet(() -> new LedgerFold(accountId));
        long from = before.map(Checkpoint::sequenceNumber).orElse(-1L);
        List<EventStoreReader.StoredEvent> tail = events.between(accountId, from, sequence);
        if (tail.isEmpty() || tail.get(tail.size() - 1).sequenceNumber() != sequence) {
            return; // not stored (yet): nothing to checkpoint
        }
        tail.forEach(fold::apply);
        jdbc.update("INSERT INTO fold_checkpoint (account_id, sequence_number, last_timestamp, format, state)"
                        + " VALUES (?, ?, ?, ?, ?)", accountId, sequence,
                EventStoreReader.timestampText(tail.get(tail.size() - 1).timestamp()), LedgerFold.FORMAT,
                fold.toCheckpoint());
    }

    /** The fold of the account's events recorded up to and including {@code asOf}. */
    @Override
    public PackagesAt packagesAt(String accountId, Instant asOf) {
        LedgerFold fold = upTo(accountId, asOf);
        return new PackagesAt(List.copyOf(fold.packages.values()), fold.heldByPackage(asOf));
    }

    @Override
    public StatementQueries.Statement statementAt(String accountId,
                                                                                  YearMonth month,
                                                                                  Instant asOf) {
        return upTo(accountId, asOf).statement(month, policy, asOf);
    }

    public LedgerFold upTo(String accountId, Instant asOf) {
        String at = EventStoreReader.timestampText(asOf);
        Optional<Checkpoint> start = latest(accountId, "last_timestamp <= ?", at);
        LedgerFold fold = start.map(Checkpoint::fold).orElseGet(() -> new LedgerFold(accountId));
        // the events after it, up to the first checkpoint recorded after the instant (not to the end of history)
        Long upTo = jdbc.query("SELECT MIN(sequence_number) FROM fold_checkpoint WHERE account_id = ? AND format = ?"
                        + " AND last_timestamp > ?", rs -> rs.next() ? (Long) rs.getObject(1) : null, accountId,
                LedgerFold.FORMAT, at);
        long from = start.map(Checkpoint::sequenceNumber).orElse(-1L);
        (upTo == null ? events.after(accountId, from, asOf) : events.between(accountId, from, upTo)).stream()
                .filter(e -> !e.timestamp().isAfter(asOf)).forEach(fold::apply);
        return fold;
    }

    /** The account's latest checkpoint, or null when it has none. */
    Checkpoint latestCheckpoint(String accountId) {
        return latest(accountId, "1 = 1").orElse(null);
    }

    /** The fold of every event of the account. */
    public LedgerFold latest(String accountId) {
        Optional<Checkpoint> start = latest(accountId, "1 = 1");
        LedgerFold fold = start.map(Checkpoint::fold).orElseGet(() -> new LedgerFold(accountId));
        events.after(accountId, start.map(Checkpoint::sequenceNumber).orElse(-1L), null).forEach(fold::apply);
        return fold;
    }

    /**
     * The account's events recorded in [{@code from}, {@code to}), oldest first, read between the checkpoints
     * around that range (not from the first event).
     */
    public List<EventStoreReader.StoredEvent> recordedBetween(String accountId, Instant from, Instant to) {
        Long after = jdbc.query("SELECT MAX(sequence_number) FROM fold_checkpoint WHERE account_id = ?"
                        + " AND last_timestamp < ?", rs -> rs.next() ? (Long) rs.getObject(1) : null, accountId,
                EventStoreReader.timestampText(from));
        Long upTo = jdbc.query("SELECT MIN(sequence_number) FROM fold_checkpoint WHERE account_id = ?"
                        + " AND last_timestamp >= ?", rs -> rs.next() ? (Long) rs.getObject(1) : null, accountId,
                EventStoreReader.timestampText(to));
        return events.between(accountId, after == null ? -1 : after, upTo == null ? Long.MAX_VALUE : upTo).stream()
                .filter(e -> !e.timestamp().isBefore(from) && e.timestamp().isBefore(to)).toList();
    }

    private Optional<Checkpoint> latest(String accountId, String condition, Object... args) {
        Object[] all = new Object[args.length + 2];
        all[0] = accountId;
        all[1] = LedgerFold.FORMAT;
        System.arraycopy(args, 0, all, 2, args.length);
        return jdbc.query("SELECT sequence_number, last_timestamp, state FROM fold_checkpoint WHERE account_id = ?"
                        + " AND format = ? AND " + condition
                        + " ORDER BY account_id DESC, format DESC, sequence_number DESC LIMIT 1", // the key, backwards
                (rs, i) -> new Checkpoint(rs.getLong(1), EventStoreReader.parseTimestamp(rs.getString(2)),
                        LedgerFold.fromCheckpoint(accountId, rs.getString(3))), all).stream().findFirst();
    }
}
