package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/**
 * A prepaid package was bought: its price and catalog version are fixed here for good.
 *
 * @param month the billing month whose statement lists this purchase
 */
@Revision("1")
public record PackagePurchased(String accountId, String packageId, String purchaseId, Service service, int size,
                               BigDecimal price, Instant purchasedAt, Instant expiresAt, YearMonth month,
                               String catalogVersion) implements AccountEvent {
    public PackagePurchased {
        price = Money.of(price);
    }
}
