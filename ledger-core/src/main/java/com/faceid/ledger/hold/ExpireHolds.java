package com.faceid.ledger.hold;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Sent by the scheduler: records every hold of the account still held and past its expiry at {@code at} as
 * expired (each at its own expiry, however late this runs), and answers the expiry of the earliest hold still
 * held after that, or null: when the scheduler must come back. Repeating it changes nothing.
 */
public record ExpireHolds(@TargetAggregateIdentifier String accountId, Instant at) {
}
