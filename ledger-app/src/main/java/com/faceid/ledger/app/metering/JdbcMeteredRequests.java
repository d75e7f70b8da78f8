package com.faceid.ledger.app.metering;

import com.faceid.ledger.app.axon.PerBatch;
import com.faceid.ledger.app.axon.ProcessingGroups;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.MeteredCall;
import com.faceid.ledger.metering.MeteredRequests;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The permanent idempotency record of metered calls (see {@link MeteredRequests}). Its handler runs in a
 * subscribing processor, inside the transaction that appends the CallMetered event: the row and the
 * event commit together or not at all (a unit of work's rows go in one JDBC batch, see {@link #on}). The
 * primary key (account, requestId) is the last line of defence against a duplicate that raced past the
 * lookup; its violation rolls the command back and the retry answers the first outcome. Each row keeps the
 * content its requestId is bound to (service, occurredAt, result code: billing-rules §9), so a repeat with
 * other content is told apart from a retry.
 */
@Component
@ProcessingGroup(ProcessingGroups.IN_TRANSACTION)
public class JdbcMeteredRequests implements MeteredRequests {
    public record RequestRow(String accountId, String requestId, CallOutcome outcome, long sequenceNumber,
                             int duplicates, Instant firstDuplicateAt, Instant lastDuplicateAt) {
    }

    /** One (account, requestId) key of the table. */
    public record Key(String accountId, String requestId) {
    }

    /** Keys per look-up query (H2: two parameters a key; PostgreSQL: two arrays). */
    static final int KEYS_PER_QUERY = 500;
    /** The unit of work's pending inserts, written as one JDBC batch just before it commits. */
    private static final String PENDING = "metered-requests.pending";
    /** Outcomes looked up ahead for the unit of work (a calls:batch): keys covered, and those found. */
    private static final String PREFETCHED = "metered-requests.prefetched";

    private record Prefetched(Set<Key> covered, Map<Key, MeteredCall> found) {
    }

    /** The columns every look-up reads, in the order {@link #mapCall} maps them. */
    private static final String CALL_COLUMNS = "account_id, request_id, billable, charged_to, package_id, service,"
            + " occurred_at, result_code";

    private final JdbcTemplate jdbc;
    /**
     * How a batch of keys is looked up. H2 answers a row-value IN list from the primary key; PostgreSQL
     * plans such a list as an OR of 500 index scans, re-planned each time (about 100 ms a list), but joins an
     * unnest of two arrays against the primary key in a few milliseconds.
     */
    private final boolean postgres;

    public JdbcMeteredRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.postgres = "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>)
                c -> c.getMetaData().getDatabaseProductName()));
    }

    /**
     * Buffers the row; the unit of work writes all its rows in one JDBC batch in its prepare-commit phase,
     * after the events are appended and before the shared transaction commits. A primary-key violation
     * there still fails the whole unit of work (a lost race, retried by the caller).
     */
    @EventHandler
    void on(CallMetered e, @SequenceNumber long sequenceNumber) {
        Object[] row = {e.accountId(), e.requestId(), e.billable(), e.chargedTo().name(), e.packageId(), sequenceNumber,
                e.service().name(), Timestamp.from(e.occurredAt()), e.resultCode()};
        Pending pending = PerBatch.buffer(PENDING, () -> new Pending(jdbc));
        if (pending == null) {
            jdbc.update(Pending.INSERT, row);
        } else {
            pending.rows.add(row);
        }
    }

    private static final class Pending implements PerBatch.Buffer {
        static final String INSERT = "INSERT INTO metered_request (account_id, request_id, billable, charged_to,"
                + " package_id, sequence_number, service, occurred_at, result_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        private final JdbcTemplate jdbc;
        private final List<Object[]> rows = new ArrayList<>();

        Pending(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void flush() {
            if (!rows.isEmpty()) {
                jdbc.batchUpdate(INSERT, rows);
                rows.clear();
            }
        }
    }

    @Override
    public Optional<MeteredCall> find(String accountId, String requestId) {
        return Optional.ofNullable(findAll(accountId, List.of(requestId)).get(requestId));
    }

    @Override
    public Map<String, MeteredCall> findAll(String accountId, Collection<String> requestIds) {
        Prefetched ahead = prefetched();
        Map<String, MeteredCall> found = new HashMap<>();
        List<Key> missing = new ArrayList<>();
        for (String requestId : requestIds) {
            Key key = new Key(accountId, requestId);
            if (ahead != null && ahead.covered().contains(key)) {
                MeteredCall o = ahead.found().get(key);
                if (o != null) {
                    found.put(requestId, o);
                }
            } else {
                missing.add(key);
            }
        }
        lookUp(missing).forEach((k, o) -> found.put(k.requestId(), o));
        return found;
    }

    /**
     * Looks up every key of a unit of work (a calls:batch over many accounts) in a few queries, before its
     * accounts decide; their {@link #find}/{@link #findAll} inside that unit of work answer from it.
     */
    public void prefetch(Collection<Key> keys) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        Set<Key> covered = new HashSet<>(keys);
        CurrentUnitOfWork.get().root().resources().put(PREFETCHED, new Prefetched(covered, lookUp(covered)));
    }

    private static Prefetched prefetched() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(PREFETCHED) : null;
    }

    private Map<Key, MeteredCall> lookUp(Collection<Key> keys) {
        Map<Key, MeteredCall> found = new HashMap<>();
        List<Key> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
            List<Key> chunk = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
            RowCallbackHandler row =
                    rs -> found.put(new Key(rs.getString(1), rs.getString(2)), mapCall(rs));
            if (chunk.size() == 1) { // a lone call: the plain primary-key look-up, one round trip, no arrays
                Key k = chunk.get(0);
                jdbc.query("SELECT " + CALL_COLUMNS + " FROM metered_request WHERE account_id = ? AND request_id = ?",
                        row, k.accountId(), k.requestId());
                continue;
            }
            if (postgres) {
                jdbc.query(c -> {
                    var ps = c.prepareStatement("SELECT " + CALL_COLUMNS + " FROM metered_request m"
                            + " JOIN unnest(?::varchar[], ?::varchar[]) AS k(a, r)"
                            + " ON m.account_id = k.a AND m.request_id = k.r");
                    ps.setArray(1, c.createArrayOf("varchar", chunk.stream().map(Key::accountId).toArray()));
                    ps.setArray(2, c.createArrayOf("varchar", chunk.stream().map(Key::requestId).toArray()));
                    return ps;
                }, row);
                continue;
            }
            Object[] args = new Object[chunk.size() * 2];
            for (int i = 0; i < chunk.size(); i++) {
                args[2 * i] = chunk.get(i).accountId();
                args[2 * i + 1] = chunk.get(i).requestId();
            }
            jdbc.query("SELECT " + CALL_COLUMNS + " FROM metered_request"
                    + " WHERE (account_id, request_id) IN (" + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?)"))
                    + ")", row, args);
        }
        return found;
    }

    private static MeteredCall mapCall(ResultSet rs) throws SQLException {
        return new MeteredCall(new CallOutcome(rs.getString(2), rs.getBoolean(3), ChargedTo.valueOf(rs.getString(4)),
                rs.getString(5), false), Service.valueOf(rs.getString(6)), rs.getTimestamp(7).toInstant(),
                rs.getString(8));
    }

    public Optional<RequestRow> row(String accountId, String requestId) {
        List<RequestRow> rows = jdbc.query("SELECT billable, charged_to, package_id, sequence_number, duplicates,"
                        + " first_duplicate_at, last_duplicate_at FROM metered_request WHERE account_id = ? AND request_id = ?",
                (rs, i) -> new RequestRow(accountId, requestId, new CallOutcome(requestId, rs.getBoolean(1),
                        ChargedTo.valueOf(rs.getString(2)), rs.getString(3), false), rs.getLong(4), rs.getInt(5),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()),
                accountId, requestId);
        return rows.stream().findFirst();
    }

    /** Notes that a repeat of a metered call was received (answered with the original outcome). */
    public void noteDuplicate(String accountId, String requestId, Instant at) {
        Timestamp t = Timestamp.from(at);
        jdbc.update("UPDATE metered_request SET duplicates = duplicates + 1,"
                + " first_duplicate_at = COALESCE(first_duplicate_at, ?), last_duplicate_at = ?"
                + " WHERE account_id = ? AND request_id = ?", t, t, accountId, requestId);
    }

    /** The accounts that metered a call with this request id (ids are unique per account, not across them). */
    public List<String> accountsWith(String requestId) {
        return jdbc.queryForList("SELECT account_id FROM metered_request WHERE request_id = ? ORDER BY account_id",
                String.class, requestId);
    }
}
