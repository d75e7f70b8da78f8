package com.faceid.ledger.app.metering;

import com.faceid.ledger.app.axon.AxonConfig;
import com.faceid.ledger.metering.CallMetered;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.ChargedTo;
import com.faceid.ledger.metering.MeteredRequests;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The permanent idempotency record of metered calls (see {@link MeteredRequests}). Its handler runs in a
 * subscribing processor, inside the transaction that appends the CallMetered event: the row and the
 * event commit together or not at all. The primary key (account, requestId) is the last line of
 * defence against a duplicate that raced past the lookup; its violation rolls the command back and the
 * retry answers the first outcome.
 */
@Component
@ProcessingGroup(AxonConfig.REQUEST_REGISTRY)
public class JdbcMeteredRequests implements MeteredRequests {
    public record RequestRow(String accountId, String requestId, CallOutcome outcome, long sequenceNumber,
                             int duplicates, java.time.Instant firstDuplicateAt, java.time.Instant lastDuplicateAt) {
    }

    private final JdbcTemplate jdbc;

    public JdbcMeteredRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CallMetered e, @SequenceNumber long sequenceNumber) {
        jdbc.update("INSERT INTO metered_request (account_id, request_id, billable, charged_to, package_id,"
                        + " sequence_number) VALUES (?, ?, ?, ?, ?, ?)", e.accountId(), e.requestId(), e.billable(),
                e.chargedTo().name(), e.packageId(), sequenceNumber);
    }

    @Override
    public Optional<CallOutcome> find(String accountId, String requestId) {
        return row(accountId, requestId).map(RequestRow::outcome);
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
    public void noteDuplicate(String accountId, String requestId, java.time.Instant at) {
        java.sql.Timestamp t = java.sql.Timestamp.from(at);
        jdbc.update("UPDATE metered_request SET duplicates = duplicates + 1,"
                + " first_duplicate_at = COALESCE(first_duplicate_at, ?), last_duplicate_at = ?"
                + " WHERE account_id = ? AND request_id = ?", t, t, accountId, requestId);
    }
}
