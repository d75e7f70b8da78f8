package com.faceid.ledger.hold;

import com.faceid.ledger.event.Service;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Asks, before serving a call, for the unit that would pay for it now. {@code holdId} is the idempotency key.
 *
 * @param requestedAt when the gateway asks (reported; defaults to the ledger clock)
 * @param recordedAt  the ledger clock when the command was received
 */
public record PlaceHold(@TargetAggregateIdentifier String accountId, String holdId, Service service,
                        Instant requestedAt, Instant recordedAt) implements HoldOperation {
}
