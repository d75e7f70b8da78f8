package com.faceid.ledger.prepaid;

import com.faceid.ledger.event.Service;

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
                            boolean expired, boolean activated, int lastExpiryReminderDays, Instant depletedAt) {

    public LedgerPackage(String packageId, PackageKind kind, String purchaseId, Service service, int size,
                         BigDecimal price, Instant effectiveFrom, Instant expiresAt, int remaining, boolean expired) {
        this(packageId, kind, purchaseId, service, size, price, effectiveFrom, expiresAt, remaining, expired,
                kind == PackageKind.PURCHASED, 0, null);
    }

    /**
     * May this package pay for a call of {@code service} occurring at {@code at}, recorded by the ledger at
     * {@code now}? The call must fall in the package's validity (§3), and the package must not have expired
     * by the ledger clock: at {@code expiresAt} what is left is forfeited, whether or not the expiry step has
     * run yet, so a back-dated call recorded after that instant cannot use it (§9).
     */
    public boolean canPay(Service callService, Instant at, Instant now) {
        return !expired && remaining > 0 && service == callService
                && !at.isBefore(effectiveFrom) && at.isBefore(expiresAt) && now.isBefore(expiresAt);
    }

    /** @param at when the ledger recorded the call that left {@code newRemaining} (the depletion instant at 0) */
    public LedgerPackage withRemaining(int newRemaining, Instant at) {
        return new LedgerPackage(packageId, kind, purchaseId, service, size, price, effectiveFrom, expiresAt,
                newRemaining, expired, activated, lastExpiryReminderDays, newRemaining == 0 ? at : null);
    }

    /** Had this package nothing left at {@code t} (used up, or expired)? */
    public boolean depletedBy(Instant t) {
        if (!t.isBefore(expiresAt)) {
            return true;
        }
        return remaining == 0 && (depletedAt == null || !depletedAt.isAfter(t));
    }

    public LedgerPackage asActivated() {
        return new LedgerPackage(packageId, kind, purchaseId, service, size, price, effectiveFrom, expiresAt,
                remaining, expired, true, lastExpiryReminderDays, depletedAt);
    }

    public LedgerPackage remindedOfExpiry(int daysBefore) {
        return new LedgerPackage(packageId, kind, purchaseId, service, size, price, effectiveFrom, expiresAt,
                remaining, expired, activated, daysBefore, depletedAt);
    }

    /** Was a reminder at least as close to expiry as {@code daysBefore} already raised? */
    public boolean expiryRemindedWithin(int daysBefore) {
        return lastExpiryReminderDays != 0 && lastExpiryReminderDays <= daysBefore;
    }

    public LedgerPackage asExpired() {
        return new LedgerPackage(packageId, kind, purchaseId, service, size, price, effectiveFrom, expiresAt, 0,
                true, activated, lastExpiryReminderDays, depletedAt);
    }
}
