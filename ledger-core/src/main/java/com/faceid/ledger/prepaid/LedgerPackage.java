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
                            boolean expired, boolean activated, int lastExpiryReminderDays) {

    public LedgerPackage(String packageId, PackageKind kind, String purchaseId, Service service, int size,
                         BigDecimal price, Instant effectiveFrom, Instant expiresAt, int remaining, boolean expired) {
        this(packageId, kind, purchaseId, service, size, price, effectiveFrom, expiresAt, remaining, expired,
                kind == PackageKind.PURCHASED, 0);
    }

    /** May this package pay for a call of {@code service} occurring at {@code at}? */
    public boolean canPay(Service callService, Instant at) {
        return !expired && remaining > 0 && service == callService
                && !at.isBefore(effectiveFrom) && at.isBefore(expiresAt);
    }

    public LedgerPackage withRemaining(int newRemaining) {
        return new LedgerPackage(packageId, kind, purchaseId, service, size, price, effectiveFrom, expiresAt,
                newRemaining, expired, activated, lastExpiryReminderDays);
    }

    public LedgerPackage asActivated() {
        return new LedgerPackage(packageId, kind, purchaseId, service, size, price, effectiveFrom, expiresAt,
                remaining, expired, true, lastExpiryReminderDays);
    }

    public LedgerPackage remindedOfExpiry(int daysBefore) {
        return new LedgerPackage(packageId, kind, purchaseId, service, size, price, effectiveFrom, expiresAt,
                remaining, expired, activated, daysBefore);
    }

    /** Was a reminder at least as close to expiry as {@code daysBefore} already raised? */
    public boolean expiryRemindedWithin(int daysBefore) {
        return lastExpiryReminderDays != 0 && lastExpiryReminderDays <= daysBefore;
    }

    public LedgerPackage asExpired() {
        return new LedgerPackage(packageId, kind, purchaseId, service, size, price, effectiveFrom, expiresAt, 0,
                true, activated, lastExpiryReminderDays);
    }
}
