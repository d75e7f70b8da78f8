package com.faceid.ledger.app.kafka;

import com.faceid.ledger.metering.MeterCall;

/**
 * A usage record as read from the topic: the call it asks to meter, or why it never can be.
 *
 * @param accountId the event's subject, else the record's key, else null (what the outcome is keyed by)
 * @param requestId the event's id, or null when it has none
 * @param call      the call to meter, or null when {@code reason} says why not
 * @param reason    an {@link Unmeterable} or an {@code ErrorCode} name; null when {@code call} is set
 * @param detail    the reason in words
 */
public record UsageRecord(String accountId, String requestId, MeterCall call, String reason, String detail) {
    static UsageRecord meter(MeterCall call) {
        return new UsageRecord(call.accountId(), call.requestId(), call, null, null);
    }

    static UsageRecord refused(String accountId, String requestId, String reason, String detail) {
        return new UsageRecord(accountId, requestId, null, reason, detail);
    }

    boolean meterable() {
        return call != null;
    }
}
