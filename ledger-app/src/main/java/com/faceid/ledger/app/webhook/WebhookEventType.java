package com.faceid.ledger.app.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The notification types a webhook can subscribe to, by their wire names (docs/webhooks.md). */
public enum WebhookEventType {
    PACKAGE_EXPIRING("package.expiring"),
    PACKAGE_EXPIRED("package.expired"),
    PACKAGE_DEPLETED("package.depleted"),
    USAGE_THRESHOLD("usage.threshold"),
    GRANT_ACTIVATED("grant.activated"),
    STATEMENT_CLOSED("statement.closed"),
    STATEMENT_AWAITING_PRICE("statement.awaiting_price"),
    HOLD_EXPIRED("hold.expired"),
    ADJUSTMENT_RECORDED("adjustment.recorded"),
    CALLS_REFUSED("calls.refused");

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<WebhookEventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(name)).findFirst();
    }
}
