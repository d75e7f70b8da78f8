package com.faceid.ledger.app.hold;

import com.faceid.ledger.app.axon.ProcessingGroups;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.HoldCaptured;
import com.faceid.ledger.event.HoldExpired;
import com.faceid.ledger.event.HoldPlaced;
import com.faceid.ledger.event.HoldStatus;
import com.faceid.ledger.event.HoldVoided;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.hold.Hold;
import com.faceid.ledger.hold.HoldRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The permanent record of holds ({@link HoldRegistry}): written by a subscribing processor inside the
 * transaction that appends the hold's events, so a hold and its row commit together. Its primary key stops a
 * holdId placed twice at once on two nodes. Also what quota and packages read to show what is held.
 */
@Component
@ProcessingGroup(ProcessingGroups.IN_TRANSACTION)
public record JdbcHoldRegistry(JdbcTemplate jdbc) implements HoldRegistry {
    static final String COLUMNS = "hold_id, service, status, source, package_id, requested_at, placed_at, expires_at,"
            + " request_id";
    @EventHandler
    void on(HoldPlaced e) {
        jdbc.update("INSERT INTO hold_registry (account_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.accountId(), e.holdId(), e.service().name(), e.status().name(),
                e.source() == null ? null : e.source().name(), e.packageId(), Timestamp.from(e.requestedAt()),
                Timestamp.from(e.placedAt()), Timestamp.from(e.expiresAt()), null);
    }

    @EventHandler
    void on(HoldCaptured e) {
        jdbc.update("UPDATE hold_registry SET status = ?, request_id = ? WHERE account_id = ? AND hold_id = ?",
                HoldStatus.CAPTURED.name(), e.requestId(), e.accountId(), e.holdId());
    }

    @EventHandler
    void on(HoldVoided e) {
        jdbc.update("UPDATE hold_registry SET status = ? WHERE account_id = ? AND hold_id = ?",
                HoldStatus.VOIDED.name(), e.accountId(), e.holdId());
    }

    @EventHandler
    void on(HoldExpired e) {
        jdbc.update("UPDATE hold_registry SET status = ? WHERE account_id = ? AND hold_id = ?",
                HoldStatus.EXPIRED.name(), e.accountId(), e.holdId());
    }

    @Override
    public Optional<Hold> find(String accountId, String holdId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hold_registry WHERE account_id = ? AND hold_id = ?",
                (rs, i) -> map(rs), accountId, holdId).stream().findFirst();
    }

    /** The hold a call was captured from, if it was. */
    public Optional<Hold> capturedAs(String accountId, String requestId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hold_registry WHERE account_id = ? AND request_id = ?",
                (rs, i) -> map(rs), accountId, requestId).stream().findFirst();
    }

    /** The account's holds recorded as held (the clock decides which still are: {@link Hold#statusAt}). */
    public List<Hold> held(String accountId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hold_registry WHERE account_id = ? AND status = 'HELD'",
                (rs, i) -> map(rs), accountId);
    }

    /** Units reserved now, by package: holds recorded as held, on a package, not past their expiry. */
    public Map<String, Integer> heldByPackage(String accountId, Instant now) {
        Map<String, Integer> out = new HashMap<>();
        jdbc.query("SELECT package_id, COUNT(*) FROM hold_registry WHERE account_id = ? AND status = 'HELD'"
                        + " AND package_id IS NOT NULL AND expires_at > ? GROUP BY package_id",
                (RowCallbackHandler) rs -> out.put(rs.getString(1), rs.getInt(2)),
                accountId, Timestamp.from(now));
        return out;
    }

    private static Hold map(ResultSet rs) throws SQLException {
        return new Hold(rs.getString(1), Service.valueOf(rs.getString(2)), HoldStatus.valueOf(rs.getString(3)),
                rs.getString(4) == null ? null : ChargedTo.valueOf(rs.getString(4)), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                rs.getString(9));
    }
}
