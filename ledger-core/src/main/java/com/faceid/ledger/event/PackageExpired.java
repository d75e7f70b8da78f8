package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The package reached its expiry; {@code forfeited} calls were left and are lost (no freeze, no extension). */
@Revision("1")
public record PackageExpired(String accountId, String packageId, Instant expiredAt, int forfeited)
        implements AccountEvent {
}
