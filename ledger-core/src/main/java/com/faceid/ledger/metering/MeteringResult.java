package com.faceid.ledger.metering;

import com.faceid.ledger.error.ErrorCode;

/**
 * One call's result in a {@link MeterCalls}: its outcome, or the code and reason it was refused with.
 *
 * @param packageRemaining the paying package's remaining calls just after this call, when this unit of work
 *                         charged it to a package (the event's {@code packageRemainingAfter}); null for a
 *                         repeat, a refusal and a call no package paid
 */
public record MeteringResult(String requestId, CallOutcome outcome, ErrorCode error, String message,
                             Integer packageRemaining) {
    public static MeteringResult ok(CallOutcome outcome, Integer packageRemaining) {
        return new MeteringResult(outcome.requestId(), outcome, null, null,
                outcome.duplicate() ? null : packageRemaining);
    }

    public static MeteringResult refused(String requestId, ErrorCode error, String message) {
        return new MeteringResult(requestId, null, error, message, null);
    }
}
