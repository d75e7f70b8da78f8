package com.faceid.ledger.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Opens an account (first activation of the product). The billing zone in force is written into the
 * opening event, so the account's calendar never changes under it on replay.
 *
 * @param openedAt   when the account was opened: never after {@code recordedAt}, and in a month that still
 *                   accepts calls (billing-rules §9)
 * @param recordedAt the ledger clock when the command was received
 */
public record OpenAccount(@TargetAggregateIdentifier String accountId, Instant openedAt, String zone,
                          boolean postpaidEnabled, Instant recordedAt) {
    /** An account opened at the instant the ledger records it. */
    public OpenAccount(String accountId, Instant openedAt, String zone, boolean postpaidEnabled) {
        this(accountId, openedAt, zone, postpaidEnabled, openedAt);
    }
}
