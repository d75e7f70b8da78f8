package com.faceid.ledger.hold;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Meters the call a hold was asked for, with its result: the held unit pays for it if its result is billable. */
public record CaptureHold(@TargetAggregateIdentifier String accountId, String holdId, String requestId,
                          Instant occurredAt, String resultCode, Instant recordedAt)
        implements HoldOperation {
}
