package com.faceid.ledger.metering;

import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;

/** The answer to a metered call (api.md), also what a repeated requestId gets back. */
public record CallOutcome(String requestId, boolean billable, ChargedTo chargedTo, String packageId,
                          boolean duplicate) {
    public CallOutcome asDuplicate() {
        return new CallOutcome(requestId, billable, chargedTo, packageId, true);
    }

    public static CallOutcome of(CallMetered e) {
        return new CallOutcome(e.requestId(), e.billable(), e.chargedTo(), e.packageId(), false);
    }
}
