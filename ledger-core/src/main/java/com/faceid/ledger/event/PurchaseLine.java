package com.faceid.ledger.event;

import java.math.BigDecimal;
import java.time.Instant;

/** A package bought in the statement's month, at the price recorded when it was bought. */
public record PurchaseLine(String packageId, Service service, int size, BigDecimal price, Instant purchasedAt) {
    public PurchaseLine {
        price = Money.of(price);
    }
}
