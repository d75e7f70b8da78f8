package com.faceid.ledger.app.webhook;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire names are part of the contract (docs/webhooks.md): they are listed here in full, not derived. */
class WebhookEventTypeTest {
    @Test
    void theWireNamesAreTheDocumentedOnes() {
        assertThat(Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wire)).containsExactly(
                "package.expiring", "package.expired", "package.depleted", "usage.threshold", "grant.activated",
                "statement.closed", "statement.awaiting_price", "hold.expired", "adjustment.recorded",
                "calls.refused", "ledger.digest", "webhook.test");
    }

    @Test
    void aWireNameIsFoundExactlyAndNothingElseIs() {
        assertThat(WebhookEventType.fromWire("statement.awaiting_price")).contains(WebhookEventType.STATEMENT_AWAITING_PRICE);
        assertThat(WebhookEventType.fromWire("statement_awaiting_price")).isEmpty();
        assertThat(WebhookEventType.fromWire("Hold.expired")).isEmpty();
        assertThat(WebhookEventType.fromWire("HOLD_EXPIRED")).isEmpty();
    }
}
