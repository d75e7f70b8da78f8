package com.faceid.ledger.hold;

import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.metering.CallOutcome;

/**
 * One operation's result in a {@link SettleHolds}: the hold as placing or voiding left it, or the captured
 * call's outcome, or the code and reason the operation was refused with.
 */
public record HoldResult(HoldReceipt receipt, CallOutcome outcome, ErrorCode error, String message) {
    public static HoldResult of(HoldReceipt receipt) {
        return new HoldResult(receipt, null, null, null);
    }

    public static HoldResult of(CallOutcome outcome) {
        return new HoldResult(null, outcome, null, null);
    }

    public static HoldResult refused(ErrorCode error, String message) {
        return new HoldResult(null, null, error, message);
    }

    public boolean refused() {
        return error != null;
    }
}
