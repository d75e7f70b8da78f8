package com.faceid.ledger.prepaid;

import com.faceid.ledger.pricing.Service;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A package as the aggregate holds it: just what settlement and receipts need.
 *
 * @param effectiveFrom first instant it may pay (purchase instant, or 00:00 after opening for the grant)
 * @param expiresAt     first instant it may no longer pay
 */
public record LedgerPackage(String packageId, PackageKind kind, String purchaseId, Service service, int size,
                            BigDecimal price, Instant effectiveFrom, Instant expiresAt, int remaining,
                            boolean expired) {

    /** May this package pay for a call of {@code service} occurring at {@code at}? */
    public boolean canPay(Service callService, Instant at) {
        return !expired && remaining > 0 && service == callService
                && !at.isBefore(effectiveFrom) && at.isBefore(expiresAt);
    }

    public LedgerPackage withRemaining(int newRemaining) {
        return new LedgerPackage(packageId, kind, purchaseId, service, size, price, effectiveFrom, expiresAt,
                newRemaining, expired);
    }

    public LedgerPackage asExpired() {
        return new LedgerPackage(packageId, kind, purchaseId, service, size, price, effectiveFrom, expiresAt, 0,
                true);
    }
}
