package com.faceid.ledger.prepaid;

import java.time.Instant;

/** The package expires in {@code daysBefore} days with {@code remaining} calls left (raised once per threshold). */
public record PackageExpiryReminded(String accountId, String packageId, int daysBefore, Instant expiresAt,
                                    int remaining, Instant at) {
}
