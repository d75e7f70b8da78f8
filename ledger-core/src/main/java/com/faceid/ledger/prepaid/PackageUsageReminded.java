package com.faceid.ledger.prepaid;

import com.faceid.ledger.account.AccountEvent;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The package's use crossed {@code percent} % of its size ({@code percent} = 100: depleted). Raised by the
 * call that crossed it, once per package and threshold.
 */
@Revision("1")
public record PackageUsageReminded(String accountId, String packageId, int percent, int used, int size,
                                   String requestId, Instant at) implements AccountEvent {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }

    public boolean depleted() {
        return percent == 100;
    }
}
