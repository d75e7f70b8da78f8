package com.faceid.ledger.metering;

import com.faceid.ledger.account.ErrorCode;

/** One call's result in a {@link MeterCalls}: its outcome, or the code and reason it was refused with. */
public record MeteringResult(String requestId, CallOutcome outcome, ErrorCode error, String message) {
    public static MeteringResult ok(CallOutcome outcome) {
        return new MeteringResult(outcome.requestId(), outcome, null, null);
    }

    public static MeteringResult refused(String requestId, ErrorCode error, String message) {
        return new MeteringResult(requestId, null, error, message);
    }
}
