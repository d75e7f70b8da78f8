package com.faceid.ledger.prepaid;

import java.time.Instant;

/**
 * The package's use crossed {@code percent} % of its size ({@code percent} = 100: depleted). Raised by the
 * call that crossed it, once per package and threshold.
 */
public record PackageUsageReminded(String accountId, String packageId, int percent, int used, int size,
                                   String requestId, Instant at) {
    public boolean depleted() {
        return percent == 100;
    }
}
