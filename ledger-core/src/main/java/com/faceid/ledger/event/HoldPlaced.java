package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A hold was asked for: held (a unit of {@code packageId}, or postpaid: nothing to reserve) or refused. */
@Revision("1")
public record HoldPlaced(String accountId, String holdId, Service service, HoldStatus status, ChargedTo source, String packageId, Instant requestedAt, Instant placedAt, Instant expiresAt)
        implements AccountEvent {
}
