package com.faceid.ledger.metering;

import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.pricing.BillableResults;

import java.time.Instant;

/**
 * A requestId as the ledger first metered it: the outcome it was answered, and the content the id is
 * bound to (billing-rules §9): service, occurredAt and the effective result code.
 */
public record MeteredCall(CallOutcome outcome, Service service, Instant occurredAt, String resultCode) {
    public static MeteredCall of(CallMetered e) {
        return new MeteredCall(CallOutcome.of(e), e.service(), e.occurredAt(), e.resultCode());
    }

    /**
     * Does {@code call} repeat this one? Its service and effective result code must be the same, and its
     * occurredAt too when it names one (a call without occurredAt means "when the ledger receives it", so a
     * retry of it names no time of its own).
     */
    public boolean sameContentAs(MeterCall call) {
        return service == call.service()
                && resultCode.equals(BillableResults.effectiveResult(call.resultCode()))
                && (call.occurredAt() == null || occurredAt.equals(call.occurredAt()));
    }

    public String describe() {
        return service + " at " + occurredAt + " with result " + resultCode;
    }
}
