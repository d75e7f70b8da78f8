package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The gateway gave a hold up; its unit is free again. */
@Revision("1")
public record HoldVoided(String accountId, String holdId, Instant voidedAt)
        implements AccountEvent {
}
