package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record AccountOpened(String accountId, Instant openedAt, String zone, boolean postpaidEnabled)
        implements AccountEvent {
}
