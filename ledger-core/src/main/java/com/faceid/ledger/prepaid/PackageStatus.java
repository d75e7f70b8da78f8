package com.faceid.ledger.prepaid;

import com.faceid.ledger.event.PackageExpired;

import java.time.Instant;

/**
 * Where a package stands at an instant, decided by the clock (billing-rules §3 and §9): from its expiry instant
 * on it is expired and what was left is forfeited, whether or not {@code PackageExpired} has been recorded yet,
 * so every answer shows it the same way before and after the expiry step; it is depleted when nothing remains,
 * pending before it becomes usable (a free grant until 00:00 the day after opening), active otherwise.
 */
public enum PackageStatus {
    PENDING, ACTIVE, DEPLETED, EXPIRED;

    /**
     * @param expiredRecorded whether {@code PackageExpired} is recorded (a package never comes back from it)
     */
    public static PackageStatus at(Instant now, Instant effectiveFrom, Instant expiresAt, int remaining,
                                   boolean expiredRecorded) {
        if (isPastExpiry(now, expiresAt, expiredRecorded)) {
            return EXPIRED;
        }
        if (remaining == 0) {
            return DEPLETED;
        }
        return now.isBefore(effectiveFrom) ? PENDING : ACTIVE;
    }

    /** Has the package expired at {@code now}: its expiry instant is no longer valid (purchasedAt ≤ t < expiresAt). */
    public static boolean isPastExpiry(Instant now, Instant expiresAt, boolean expiredRecorded) {
        return expiredRecorded || !now.isBefore(expiresAt);
    }
}
