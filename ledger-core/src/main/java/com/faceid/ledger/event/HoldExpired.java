package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A hold reached its expiry uncaptured; its unit is free again (from {@code expiresAt}, recorded or not). */
@Revision("1")
public record HoldExpired(String accountId, String holdId, Instant expiresAt)
        implements AccountEvent {
}
