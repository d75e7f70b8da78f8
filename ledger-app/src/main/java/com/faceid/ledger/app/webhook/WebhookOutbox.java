package com.faceid.ledger.app.webhook;

import com.faceid.ledger.app.axon.ProcessingGroups;
import com.faceid.ledger.app.store.EventStoreReader;
import com.faceid.ledger.app.time.LedgerClock;
import com.faceid.ledger.event.AdjustmentRecorded;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.FreeGrantActivated;
import com.faceid.ledger.event.HoldExpired;
import com.faceid.ledger.event.PackageExpired;
import com.faceid.ledger.event.PackageExpiryReminded;
import com.faceid.ledger.event.PackageUsageReminded;
import com.faceid.ledger.event.StatementClosed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The outbox (docs/webhooks.md): a subscribing processor, so each notification and its deliveries are written in
 * the transaction that stores the event causing them. A crash loses both or neither; nothing is sent for an event
 * that was rolled back. A replay rebuilds the read models on their own processor and never passes through here,
 * so it notifies nobody again. Nothing is written for an event no subscription wants.
 */
@Component
@ProcessingGroup(ProcessingGroups.IN_TRANSACTION)
public class WebhookOutbox {
    private final JdbcTemplate jdbc;
    private final WebhookSubscriptions subscriptions;
    private final EventStoreReader events;
    private final LedgerClock clock;
    private final TransactionTemplate transaction;

    public WebhookOutbox(JdbcTemplate jdbc, WebhookSubscriptions subscriptions, EventStoreReader events,
                         LedgerClock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.subscriptions = subscriptions;
        this.events = events;
        this.clock = clock;
    }

    @EventHandler
    void on(PackageExpiryReminded e, @MessageIdentifier String id) {
        write(e.accountId(), WebhookEventType.PACKAGE_EXPIRING, n -> n.of(e, id, service(e.accountId(), e.packageId())));
    }

    @EventHandler
    void on(PackageExpired e, @MessageIdentifier String id) {
        write(e.accountId(), WebhookEventType.PACKAGE_EXPIRED, n -> n.of(e, id, service(e.accountId(), e.packageId())));
    }

    @EventHandler
    void on(PackageUsageReminded e, @MessageIdentifier String id) {
        write(e.accountId(), e.depleted() ? WebhookEventType.PACKAGE_DEPLETED : WebhookEventType.USAGE_THRESHOLD,
                n -> n.of(e, id, service(e.accountId(), e.packageId())));
    }

    @EventHandler
    void on(FreeGrantActivated e, @MessageIdentifier String id) {
        write(e.accountId(), WebhookEventType.GRANT_ACTIVATED, n -> n.of(e, id, service(e.accountId(), e.packageId())));
    }

    @EventHandler
    void on(StatementClosed e, @MessageIdentifier String id) {
        write(e.accountId(), WebhookEventType.STATEMENT_CLOSED, n -> n.of(e, id));
    }

    @EventHandler
    void on(HoldExpired e, @MessageIdentifier String id) {
        write(e.accountId(), WebhookEventType.HOLD_EXPIRED, n -> n.of(e, id));
    }

    @EventHandler
    void on(AdjustmentRecorded e, @MessageIdentifier String id) {
        write(e.accountId(), WebhookEventType.ADJUSTMENT_RECORDED, n -> n.of(e, id));
    }

    /** Every metered call passes here; only a refused one costs more than this comparison. */
    @EventHandler
    void on(CallMetered e) {
        if (e.chargedTo() == ChargedTo.REFUSED) {
            write(e.accountId(), WebhookEventType.CALLS_REFUSED, n -> n.refused(e));
        }
    }

    /**
     * A month whose close waits for a negotiated price (the scheduler met AWAITING_PRICE): no event records a
     * refused close, so the step writes this itself, once per account and month.
     */
    public void awaitingPrice(String accountId, YearMonth month, Instant at, String reason) {
        transaction.executeWithoutResult(tx -> write(accountId, WebhookEventType.STATEMENT_AWAITING_PRICE,
                n -> n.awaitingPrice(accountId, month, at, reason)));
    }

    /** An account's daily digest (schedule.DailyDigests): for the webhooks that want it, once per account and day. */
    public void digest(String accountId, LocalDate day, long sequence, String hash, Instant headAt, Instant now) {
        transaction.executeWithoutResult(tx -> write(accountId, WebhookEventType.LEDGER_DIGEST,
                n -> n.digest(accountId, day, sequence, hash, headAt, now)));
    }

    /**
     * A test event for one subscription only; answers its delivery id. The request that asked for it sends it
     * (WebhookService.test): it falls due for the background sender only {@link #TEST_SENT_BY_REQUEST} later, in
     * case that attempt never happens, so the two never race for its first attempt.
     */
    public String test(WebhookSubscriptions.Subscription s, Instant now) {
        Notification n = new Notifications(s.accountId() == null ? clock.getZone() : zone(s.accountId()))
                .test(s.webhookId(), s.accountId(), now);
        String deliveryId = "dlv_" + UUID.randomUUID().toString().replace("-", "");
        transaction.executeWithoutResult(tx -> {
            jdbc.update("INSERT INTO webhook_notification (notification_id, account_id, event_type, occurred_at, body)"
                    + " VALUES (?, ?, ?, ?, ?)", n.id(), n.accountId(), n.type().wire(), Timestamp.from(now), n.body());
            jdbc.update("INSERT INTO webhook_delivery (delivery_id, webhook_id, notification_id, status, attempts,"
                    + " created_at, next_attempt_at) VALUES (?, ?, ?, 'PENDING', 0, ?, ?)", deliveryId, s.webhookId(),
                    n.id(), Timestamp.from(now), Timestamp.from(now.plus(TEST_SENT_BY_REQUEST)));
        });
        return deliveryId;
    }

    /** How long a test event waits for the request that asked for it to send it, before the sender would. */
    static final Duration TEST_SENT_BY_REQUEST = Duration.ofMinutes(1);

    private void write(String accountId, WebhookEventType type, Function<Notifications, Notification> make) {
        List<String> hooks = subscriptions.wanting(accountId, type);
        if (hooks.isEmpty()) {
            return;
        }
        Notification n = make.apply(new Notifications(zone(accountId)));
        int written = jdbc.update("INSERT INTO webhook_notification (notification_id, account_id, event_type,"
                        + " occurred_at, body) SELECT ?, ?, ?, ?, ? FROM (VALUES (1)) AS one (x) WHERE NOT EXISTS"
                        + " (SELECT 1 FROM webhook_notification WHERE notification_id = ?)", n.id(), n.accountId(),
                n.type().wire(), Timestamp.from(n.occurredAt()), n.body(), n.id());
        if (written == 0) {
            return; // notified before: the day's first refused call, a month already awaiting its price
        }
        Timestamp now = Timestamp.from(clock.instant());
        for (String hook : hooks) {
            jdbc.update("INSERT INTO webhook_delivery (delivery_id, webhook_id, notification_id, status, attempts,"
                            + " created_at, next_attempt_at) VALUES (?, ?, ?, 'PENDING', 0, ?, ?)",
                    "dlv_" + UUID.randomUUID().toString().replace("-", ""), hook, n.id(), now, now);
        }
    }

    private ZoneId zone(String accountId) {
        return ZoneId.of(jdbc.queryForObject("SELECT zone FROM schedule_account WHERE account_id = ?", String.class,
                accountId));
    }

    /** A package's service, from the event that created it: the events, not a read model that may lag. */
    private String service(String accountId, String packageId) {
        for (String type : List.of("PackagePurchased", "FreeGrantIssued")) {
            Long after = null;
            while (true) {
                var page = events.page(accountId, null, null, type, after, 0, 1000);
                for (var stored : page) {
                    if (packageId.equals(stored.payload().path("packageId").asText())) {
                        return stored.payload().path("service").asText();
                    }
                }
                if (page.size() < 1000) {
                    break;
                }
                after = page.get(page.size() - 1).sequenceNumber();
            }
        }
        throw new IllegalStateException("no event of account " + accountId + " created package " + packageId);
    }
}
