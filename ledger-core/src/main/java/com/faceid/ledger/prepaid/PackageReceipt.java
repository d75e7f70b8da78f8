package com.faceid.ledger.prepaid;

import com.faceid.ledger.event.Service;

import java.math.BigDecimal;
import java.time.Instant;

/** What a purchase command answers: the package, and whether the purchaseId had been seen before. */
public record PackageReceipt(String packageId, PackageKind kind, Service service, int size, BigDecimal price,
                             Instant purchasedAt, Instant expiresAt, int remaining, boolean duplicate) {
    static PackageReceipt of(LedgerPackage p, boolean duplicate) {
        return new PackageReceipt(p.packageId(), p.kind(), p.service(), p.size(), p.price(), p.effectiveFrom(),
                p.expiresAt(), p.remaining(), duplicate);
    }

    public static PackageReceipt newPurchase(LedgerPackage p) {
        return of(p, false);
    }

    public static PackageReceipt repeated(LedgerPackage p) {
        return of(p, true);
    }
}
