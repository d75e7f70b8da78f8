package com.faceid.ledger.prepaid;

import java.time.Instant;

/** The package reached its expiry; {@code forfeited} calls were left and are lost (no freeze, no extension). */
public record PackageExpired(String accountId, String packageId, Instant expiredAt, int forfeited) {
}
