package com.faceid.ledger.metering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Meters several calls of one account in one unit of work (one transaction, one batched append): what
 * {@code calls:batch} sends per account. Calls are settled in list order, each exactly as a single
 * {@link MeterCall} would be; a call the rules refuse fails alone and leaves no event.
 */
public record MeterCalls(@TargetAggregateIdentifier String accountId, List<MeterCall> calls) {
    public MeterCalls {
        calls = List.copyOf(calls);
    }
}
