package com.faceid.ledger.metering;

import com.faceid.ledger.event.Service;
import com.faceid.ledger.prepaid.LedgerPackage;
import com.faceid.ledger.prepaid.PackageKind;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The settlement order of §4: free packages of the call's service, then purchased packages of that
 * service (the one that expires first; ties: earlier start, then package id), then postpaid.
 * Pure: it only chooses; the aggregate records the choice.
 */
public final class Settlement {
    static final Comparator<LedgerPackage> ORDER = Comparator
            .comparing((LedgerPackage p) -> p.kind() == PackageKind.FREE ? 0 : 1)
            .thenComparing(LedgerPackage::expiresAt)
            .thenComparing(LedgerPackage::effectiveFrom)
            .thenComparing(LedgerPackage::packageId);

    private Settlement() {
    }

    /**
     * The package that pays for a billable call of {@code service} occurring at {@code at} and recorded by
     * the ledger at {@code now}, if any can ({@link LedgerPackage#canPay}).
     */
    public static Optional<LedgerPackage> payer(Collection<LedgerPackage> packages, Service service, Instant at,
                                                Instant now) {
        return packages.stream().filter(p -> p.canPay(service, at, now)).min(ORDER);
    }
}
