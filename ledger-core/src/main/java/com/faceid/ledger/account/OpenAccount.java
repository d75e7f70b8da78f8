package com.faceid.ledger.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Opens an account (first activation of the product). The billing zone in force is written into the
 * opening event, so the account's calendar never changes under it on replay.
 */
public record OpenAccount(@TargetAggregateIdentifier String accountId, Instant openedAt, String zone,
                          boolean postpaidEnabled) {
}
