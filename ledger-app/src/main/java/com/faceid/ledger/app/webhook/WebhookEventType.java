package com.faceid.ledger.app.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The notification types a webhook can subscribe to (docs/webhooks.md). Each has a wire name, the one in
 * subscriptions and deliveries: its constant's name in lower case with the first underscore as a dot, the
 * subject before the dot and what happened to it after ({@code STATEMENT_AWAITING_PRICE} is
 * {@code statement.awaiting_price}). {@code WebhookEventTypeTest} holds the full list of wire names.
 */
public enum WebhookEventType {
    PACKAGE_EXPIRING,
    PACKAGE_EXPIRED,
    PACKAGE_DEPLETED,
    USAGE_THRESHOLD,
    GRANT_ACTIVATED,
    STATEMENT_CLOSED,
    STATEMENT_AWAITING_PRICE,
    HOLD_EXPIRED,
    ADJUSTMENT_RECORDED,
    CALLS_REFUSED,
    /** Every account's chain head, once a billing day (docs/audit.md): a digest to keep outside the ledger. */
    LEDGER_DIGEST,
    /** Sent on request to one subscription (POST /api/v1/webhooks/{id}/test), never subscribed to. */
    WEBHOOK_TEST;

    private final String wire = name().toLowerCase(Locale.ROOT).replaceFirst("_", ".");

    public String wire() {
        return wire;
    }

    /** May a subscription ask for this type? (A test event goes only to the webhook it was sent to.) */
    public boolean subscribable() {
        return this != WEBHOOK_TEST;
    }

    public static Optional<WebhookEventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(name)).findFirst();
    }
}
