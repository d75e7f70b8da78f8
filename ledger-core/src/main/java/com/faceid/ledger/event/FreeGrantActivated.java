package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The free grant became usable (00:00 the day after opening): the "seen in the console" moment of §2. */
@Revision("1")
public record FreeGrantActivated(String accountId, String packageId, Instant activatedAt) implements AccountEvent {
}
