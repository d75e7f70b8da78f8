package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The package's use crossed {@code percent} % of its size ({@code percent} = 100: depleted), once per package and
 * threshold. For 50/70/90 % units that holds reserve count as used (billing-rules §9, holds): {@code used} is
 * then the units used or held, and {@code requestId} is null when placing a hold crossed it. Depletion counts
 * only calls paid: {@code used} = {@code size}, raised by the call that used the last unit.
 */
@Revision("1")
public record PackageUsageReminded(String accountId, String packageId, int percent, int used, int size,
                                   String requestId, Instant at) implements AccountEvent {
    public boolean depleted() {
        return percent == 100;
    }
}
