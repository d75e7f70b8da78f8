package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The one-time free package of §2; usable from {@code effectiveFrom} (00:00 the day after opening). */
@Revision("1")
public record FreeGrantIssued(String accountId, String packageId, Service service, int size, Instant effectiveFrom,
                              Instant expiresAt, String catalogVersion) implements AccountEvent {
}
