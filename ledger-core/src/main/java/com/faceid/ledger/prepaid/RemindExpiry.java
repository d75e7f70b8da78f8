package com.faceid.ledger.prepaid;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Sent by the scheduler {@code daysBefore} days before a package expires. */
public record RemindExpiry(@TargetAggregateIdentifier String accountId, String packageId, int daysBefore,
                           Instant at) {
}
