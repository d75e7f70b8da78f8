package com.faceid.ledger.app.webhook;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The delivery log: webhook_delivery and webhook_attempt, read (their columns spelled here and in the sender). */
@Component
public record WebhookDeliveries(JdbcTemplate jdbc) {
    public record Attempt(int attempt, Instant at, Integer statusCode, String error, long durationMs) {
    }

    public record Delivery(String deliveryId, String webhookId, String notificationId, String type, String accountId,
                           String status, int attempts, Integer lastStatusCode, String lastError,
                           Instant nextAttemptAt, Instant createdAt, List<Attempt> history) {
    }

    private static final String COLUMNS = "SELECT d.delivery_id, d.webhook_id, d.notification_id, n.event_type,"
            + " n.account_id, d.status, d.attempts, d.last_status, d.last_error, d.next_attempt_at, d.created_at"
            + " FROM webhook_delivery d JOIN webhook_notification n ON n.notification_id = d.notification_id";
    /** A subscription's deliveries, newest first, optionally of one status, each with its attempts. */
    public List<Delivery> of(String webhookId, String status, long offset, int limit) {
        List<Object> args = new ArrayList<>(List.of(webhookId));
        String where = " WHERE d.webhook_id = ?";
        if (status != null) {
            where += " AND d.status = ?";
            args.add(status);
        }
        args.add(limit);
        args.add(offset);
        return jdbc.query(COLUMNS + where + " ORDER BY d.created_at DESC, d.delivery_id LIMIT ? OFFSET ?",
                row(), args.toArray());
    }

    public Optional<Delivery> find(String webhookId, String deliveryId) {
        return jdbc.query(COLUMNS + " WHERE d.webhook_id = ? AND d.delivery_id = ?", row(), webhookId, deliveryId)
                .stream().findFirst();
    }

    private RowMapper<Delivery> row() {
        return (rs, i) -> new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getInt(7), (Integer) rs.getObject(8, Integer.class),
                rs.getString(9), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), attempts(rs.getString(1)));
    }

    private List<Attempt> attempts(String deliveryId) {
        return jdbc.query("SELECT attempt, attempted_at, status_code, error, duration_ms FROM webhook_attempt"
                        + " WHERE delivery_id = ? ORDER BY attempt", (rs, i) -> new Attempt(rs.getInt(1),
                        rs.getTimestamp(2).toInstant(), rs.getObject(3, Integer.class), rs.getString(4), rs.getLong(5)),
                deliveryId);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
