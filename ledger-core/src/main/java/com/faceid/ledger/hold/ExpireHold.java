package com.faceid.ledger.hold;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Sent by the scheduler at (or after) a hold's expiry; repeating it changes nothing. */
public record ExpireHold(@TargetAggregateIdentifier String accountId, String holdId, Instant at) {
}
