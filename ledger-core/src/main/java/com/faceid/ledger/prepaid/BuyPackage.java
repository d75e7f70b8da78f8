package com.faceid.ledger.prepaid;

import com.faceid.ledger.event.Service;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Buys one prepaid package. {@code purchaseId} is the idempotency key of the purchase.
 *
 * @param recordedAt the ledger clock when the command was received (a purchase back-dated into a month
 *                   past its close deadline is refused)
 */
public record BuyPackage(@TargetAggregateIdentifier String accountId, String purchaseId, Service service, int size,
                         Instant purchasedAt, Instant recordedAt) {
    /** A purchase recorded at the instant it was made. */
    public BuyPackage(String accountId, String purchaseId, Service service, int size, Instant purchasedAt) {
        this(accountId, purchaseId, service, size, purchasedAt, purchasedAt);
    }
}
