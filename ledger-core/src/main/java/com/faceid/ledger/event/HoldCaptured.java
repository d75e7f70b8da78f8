package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The call of a hold was metered (its CallMetered follows in the same unit of work). */
@Revision("1")
public record HoldCaptured(String accountId, String holdId, String requestId, Instant capturedAt)
        implements AccountEvent {
}
