package com.faceid.ledger.statement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/**
 * A correction of a month's bill: a credit (negative) or a debit (positive), with its reason, who made it
 * and the call or month it concerns. {@code adjustmentId} is the idempotency key.
 */
public record RecordAdjustment(@TargetAggregateIdentifier String accountId, String adjustmentId, YearMonth month,
                               BigDecimal amount, String reason, String requestId, String actor, Instant at) {
}
