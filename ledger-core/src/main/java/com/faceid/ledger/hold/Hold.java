package com.faceid.ledger.hold;

import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.HoldPlaced;
import com.faceid.ledger.event.HoldStatus;
import com.faceid.ledger.event.Service;

import java.time.Instant;

/**
 * A hold as it stands: what was asked, what was held, and what became of it.
 *
 * @param source    who would pay: FREE or PURCHASED (a unit of {@code packageId} is reserved), POSTPAID
 *                  (nothing to reserve); null when refused
 * @param requestId the call it was captured as, once captured
 */
public record Hold(String holdId, Service service, HoldStatus status, ChargedTo source, String packageId,
                   Instant requestedAt, Instant placedAt, Instant expiresAt, String requestId) {
    public static Hold of(HoldPlaced e) {
        return new Hold(e.holdId(), e.service(), e.status(), e.source(), e.packageId(), e.requestedAt(),
                e.placedAt(), e.expiresAt(), null);
    }

    public Hold with(HoldStatus newStatus, String capturedAs) {
        return new Hold(holdId, service, newStatus, source, packageId, requestedAt, placedAt, expiresAt, capturedAs);
    }

    /** Does it reserve a unit of {@code pkg} at {@code now}? (Held, on that package, not past its expiry.) */
    public boolean reserves(String pkg, Instant now) {
        return status == HoldStatus.HELD && pkg.equals(packageId) && now.isBefore(expiresAt);
    }

    /** Its status by the clock: a hold still held past its expiry has expired, recorded or not. */
    public HoldStatus statusAt(Instant now) {
        return status == HoldStatus.HELD && !now.isBefore(expiresAt) ? HoldStatus.EXPIRED : status;
    }
}
