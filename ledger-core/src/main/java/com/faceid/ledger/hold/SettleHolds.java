package com.faceid.ledger.hold;

import com.faceid.ledger.metering.CallTrace;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Several hold operations of one account in one unit of work (one lock, one transaction, one batched append):
 * what concurrent holds and captures of one account are coalesced into, and what {@code holds:batch} and
 * {@code holds:capture-batch} send per account. Operations are decided in list order, each exactly as its own
 * command would be; one the rules refuse fails alone and leaves no event.
 *
 * @param traces empty, or one per operation: the sender recorded in that operation's event metadata (when the
 *               operations come from different requests); empty means the command's own metadata applies to all
 */
public record SettleHolds(@TargetAggregateIdentifier String accountId, List<HoldOperation> operations,
                          List<CallTrace> traces) {
    public SettleHolds {
        operations = List.copyOf(operations);
        traces = CallTrace.onePerItem(traces, operations.size());
    }

    public CallTrace traceOf(int index) {
        return CallTrace.ofItem(traces, index);
    }
}
