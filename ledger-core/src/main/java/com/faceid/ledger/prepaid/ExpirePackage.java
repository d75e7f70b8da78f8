package com.faceid.ledger.prepaid;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Sent by the scheduler at (or after) a package's expiry instant; repeating it changes nothing. */
public record ExpirePackage(@TargetAggregateIdentifier String accountId, String packageId, Instant at) {
}
