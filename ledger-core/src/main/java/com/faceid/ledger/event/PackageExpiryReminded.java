package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The package expires in {@code daysBefore} days with {@code remaining} calls left (raised once per threshold). */
@Revision("1")
public record PackageExpiryReminded(String accountId, String packageId, int daysBefore, Instant expiresAt,
                                    int remaining, Instant at) implements AccountEvent {
}
