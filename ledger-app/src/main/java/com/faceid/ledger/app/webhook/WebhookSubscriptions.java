package com.faceid.ledger.app.webhook;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The webhook_subscription table, its columns spelled here only. A subscription is configuration an operator
 * or customer sets, not a billing fact, so it is a row, not an event (docs/architecture.md "Webhooks").
 */
@Component
public class WebhookSubscriptions {
    /** A subscription as the API shows it (never its secret). accountId null: every account. */
    public record Subscription(String webhookId, String url, List<WebhookEventType> events, String accountId,
                               String createdBy, Instant createdAt) {
        public boolean wants(String account, WebhookEventType type) {
            return events.contains(type) && (accountId == null || accountId.equals(account));
        }
    }

    /** A new subscription and its signing secret, which is shown this once. */
    public record Created(Subscription subscription, String secret) {
    }

    private static final String COLUMNS = "webhook_id, url, event_types, account_id, created_by, created_at";
    private static final RowMapper<Subscription> ROW = (rs, i) -> new Subscription(rs.getString(1), rs.getString(2),
            Arrays.stream(rs.getString(3).split(",")).map(t -> WebhookEventType.valueOf(t)).toList(),
            rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant());
    private final SecureRandom random = new SecureRandom();
    private final JdbcTemplate jdbc;

    public WebhookSubscriptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Created create(String url, List<WebhookEventType> events, String accountId, String actor, Instant at) {
        String id = "wh_" + hex(12);
        String secret = "whsec_" + hex(32);
        jdbc.update("INSERT INTO webhook_subscription (" + COLUMNS + ", secret) VALUES (?, ?, ?, ?, ?, ?, ?)", id, url,
                String.join(",", events.stream().map(Enum::name).toList()), accountId, actor, Timestamp.from(at),
                secret);
        return new Created(new Subscription(id, url, List.copyOf(events), accountId, actor, at), secret);
    }

    public Optional<Subscription> find(String webhookId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook_subscription WHERE webhook_id = ? AND deleted_at IS NULL",
                ROW, webhookId).stream().findFirst();
    }

    /** Every live subscription, or only those of one account (null: all), oldest first. */
    public List<Subscription> list(String accountId) {
        return accountId == null
                ? jdbc.query("SELECT " + COLUMNS + " FROM webhook_subscription WHERE deleted_at IS NULL"
                + " ORDER BY created_at, webhook_id", ROW)
                : jdbc.query("SELECT " + COLUMNS + " FROM webhook_subscription WHERE deleted_at IS NULL"
                + " AND account_id = ? ORDER BY created_at, webhook_id", ROW, accountId);
    }

    /** How many live subscriptions are for this account (null: those for every account). */
    public int count(String accountId) {
        Integer n = accountId == null
                ? jdbc.queryForObject("SELECT COUNT(*) FROM webhook_subscription WHERE deleted_at IS NULL"
                + " AND account_id IS NULL", Integer.class)
                : jdbc.queryForObject("SELECT COUNT(*) FROM webhook_subscription WHERE deleted_at IS NULL"
                + " AND account_id = ?", Integer.class, accountId);
        return n == null ? 0 : n;
    }

    /** The live subscriptions that want this account's notification of this type. */
    public List<String> wanting(String accountId, WebhookEventType type) {
        List<String> ids = new ArrayList<>();
        for (Subscription s : jdbc.query("SELECT " + COLUMNS + " FROM webhook_subscription WHERE deleted_at IS NULL"
                + " AND (account_id IS NULL OR account_id = ?)", ROW, accountId)) {
            if (s.wants(accountId, type)) {
                ids.add(s.webhookId());
            }
        }
        return ids;
    }

    /** Ends a subscription; its deliveries not yet made are cancelled (and say so in the log). */
    public boolean delete(String webhookId, Instant at) {
        int n = jdbc.update("UPDATE webhook_subscription SET deleted_at = ? WHERE webhook_id = ? AND deleted_at IS NULL",
                Timestamp.from(at), webhookId);
        jdbc.update("UPDATE webhook_delivery SET status = 'CANCELLED', next_attempt_at = NULL,"
                + " last_error = 'subscription deleted' WHERE webhook_id = ? AND status = 'PENDING'", webhookId);
        return n == 1;
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
