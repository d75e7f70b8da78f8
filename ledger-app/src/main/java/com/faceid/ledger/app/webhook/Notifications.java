package com.faceid.ledger.app.webhook;

import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.event.AdjustmentRecorded;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.FreeGrantActivated;
import com.faceid.ledger.event.HoldExpired;
import com.faceid.ledger.event.PackageExpired;
import com.faceid.ledger.event.PackageExpiryReminded;
import com.faceid.ledger.event.PackageUsageReminded;
import com.faceid.ledger.event.StatementClosed;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Which notification each event makes, and what its {@code data} says (docs/webhooks.md): pure, one method an
 * event, tested alone ({@code NotificationsTest}). An event's notification is identified by the event's own
 * id, so the same event can never make two; the first refused call of a day by the account and the day.
 */
public final class Notifications {
    private final ZoneId zone;

    /** @param zone the account's billing zone: times in bodies carry its offset, days are counted there */
    public Notifications(ZoneId zone) {
        this.zone = zone;
    }

    public Notification of(PackageExpiryReminded e, String eventId, String service) {
        return make("evt_" + eventId, WebhookEventType.PACKAGE_EXPIRING, e.accountId(), e.at(), data(
                "packageId", e.packageId(), "service", service, "expiresAt", time(e.expiresAt()),
                "daysLeft", e.daysBefore(), "remaining", e.remaining()));
    }

    public Notification of(PackageExpired e, String eventId, String service) {
        return make("evt_" + eventId, WebhookEventType.PACKAGE_EXPIRED, e.accountId(), e.expiredAt(), data(
                "packageId", e.packageId(), "service", service, "forfeited", e.forfeited(),
                "expiredAt", time(e.expiredAt())));
    }

    /** A depletion is {@code package.depleted}; any other threshold {@code usage.threshold}. */
    public Notification of(PackageUsageReminded e, String eventId, String service) {
        return e.depleted()
                ? make("evt_" + eventId, WebhookEventType.PACKAGE_DEPLETED, e.accountId(), e.at(), data(
                "packageId", e.packageId(), "service", service, "size", e.size(), "requestId", e.requestId()))
                : make("evt_" + eventId, WebhookEventType.USAGE_THRESHOLD, e.accountId(), e.at(), data(
                "service", service, "packageId", e.packageId(), "percent", e.percent(), "used", e.used(),
                "size", e.size(), "requestId", e.requestId()));
    }

    public Notification of(FreeGrantActivated e, String eventId, String service) {
        return make("evt_" + eventId, WebhookEventType.GRANT_ACTIVATED, e.accountId(), e.activatedAt(), data(
                "packageId", e.packageId(), "service", service, "activatedAt", time(e.activatedAt())));
    }

    public Notification of(StatementClosed e, String eventId) {
        return make("evt_" + eventId, WebhookEventType.STATEMENT_CLOSED, e.accountId(), e.closedAt(), data(
                "month", e.month().toString(), "totalSpend", Json.money(e.totalSpend()),
                "postpaidAmount", Json.money(e.postpaidAmount()), "prepaidSpend", Json.money(e.prepaidSpend()),
                "adjustmentTotal", Json.money(e.adjustmentTotal()), "catalogVersion", e.catalogVersion()));
    }

    public Notification of(HoldExpired e, String eventId) {
        return make("evt_" + eventId, WebhookEventType.HOLD_EXPIRED, e.accountId(), e.expiresAt(), data(
                "holdId", e.holdId(), "expiresAt", time(e.expiresAt())));
    }

    public Notification of(AdjustmentRecorded e, String eventId) {
        return make("evt_" + eventId, WebhookEventType.ADJUSTMENT_RECORDED, e.accountId(), e.at(), data(
                "adjustmentId", e.adjustmentId(), "month", e.month().toString(),
                "correctsMonth", e.correctsMonth() == null ? null : e.correctsMonth().toString(),
                "amount", Json.money(e.amount()), "reason", e.reason(), "requestId", e.requestId()));
    }

    /** The first refused call of the account in a billing day: one notification per account and day. */
    public Notification refused(CallMetered e) {
        String day = e.recordedAt().atZone(zone).toLocalDate().toString();
        return make("refused_" + e.accountId() + "_" + day, WebhookEventType.CALLS_REFUSED, e.accountId(),
                e.recordedAt(), data("day", day, "requestId", e.requestId(), "service", e.service().name(),
                        "occurredAt", time(e.occurredAt())));
    }

    /** A month that cannot close until a negotiated price is agreed (no event: the close was refused). */
    public Notification awaitingPrice(String accountId, YearMonth month, Instant at, String reason) {
        return make("awaiting_price_" + accountId + "_" + month, WebhookEventType.STATEMENT_AWAITING_PRICE,
                accountId, at, data("month", month.toString(), "reason", reason));
    }

    /**
     * The account's chain head as the billing day {@code day} ended, published once that day is over (docs/audit.md):
     * one a day, identified by the account and the day. {@code data} names the account too, so a kept body is a
     * digest on its own ({@code POST /api/v1/admin/verify/digests} takes it as it is).
     */
    public Notification digest(String accountId, LocalDate day, long sequence, String hash, Instant headAt,
                               Instant publishedAt) {
        return make("digest_" + accountId + "_" + day, WebhookEventType.LEDGER_DIGEST, accountId, publishedAt,
                data("accountId", accountId, "day", day.toString(), "sequence", sequence, "hash", hash,
                        "at", time(headAt)));
    }

    /** A test event (POST /api/v1/webhooks/{id}/test): a fresh id each time, naming the webhook it was sent to. */
    public Notification test(String webhookId, String accountId, Instant at) {
        return make("test_" + UUID.randomUUID().toString().replace("-", ""), WebhookEventType.WEBHOOK_TEST, accountId,
                at, data("webhookId", webhookId, "message", "a test event sent on request; nothing happened"));
    }

    private Notification make(String id, WebhookEventType type, String accountId, Instant at,
                              Map<String, Object> data) {
        return new Notification(id, type, accountId, at, time(at), data);
    }

    private String time(Instant t) {
        return t.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
