package com.faceid.ledger.prepaid;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Sent by the scheduler at a free grant's effectiveFrom; repeating it changes nothing. */
public record ActivateGrant(@TargetAggregateIdentifier String accountId, String packageId, Instant at) {
}
