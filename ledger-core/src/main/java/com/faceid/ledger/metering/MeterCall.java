package com.faceid.ledger.metering;

import com.faceid.ledger.event.Service;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Meters one API call. {@code requestId} is the idempotency key (per account, forever).
 *
 * @param resultCode the API's result code; null counts as "Success"
 * @param recordedAt when the ledger received it (the ledger's clock, not the gateway's)
 */
public record MeterCall(@TargetAggregateIdentifier String accountId, String requestId, Service service,
                        Instant occurredAt, String resultCode, Instant recordedAt) {
}
