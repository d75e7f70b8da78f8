package com.faceid.ledger.hold;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Gives a hold up: its unit is free again. */
public record VoidHold(@TargetAggregateIdentifier String accountId, String holdId, Instant at)
        implements HoldOperation {
}
