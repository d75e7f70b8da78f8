package com.faceid.ledger.prepaid;

import com.faceid.ledger.pricing.Service;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Buys one prepaid package. {@code purchaseId} is the idempotency key of the purchase. */
public record BuyPackage(@TargetAggregateIdentifier String accountId, String purchaseId, Service service, int size,
                         Instant purchasedAt) {
}
