package com.faceid.ledger.metering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Meters several calls of one account in one unit of work (one transaction, one batched append): what
 * {@code calls:batch} sends per account, and what concurrent single calls of one account are coalesced
 * into (group commit). Calls are settled in list order, each exactly as a single {@link MeterCall} would
 * be; a call the rules refuse fails alone and leaves no event.
 *
 * @param traces empty, or one per call: the sender recorded in that call's event metadata (when the calls
 *               come from different requests); empty means the command's own metadata applies to all
 */
public record MeterCalls(@TargetAggregateIdentifier String accountId, List<MeterCall> calls,
                         List<CallTrace> traces) {
    public MeterCalls {
        calls = List.copyOf(calls);
        traces = CallTrace.onePerItem(traces, calls.size());
    }

    public MeterCalls(String accountId, List<MeterCall> calls) {
        this(accountId, calls, List.of());
    }

    public CallTrace traceOf(int index) {
        return CallTrace.ofItem(traces, index);
    }
}
