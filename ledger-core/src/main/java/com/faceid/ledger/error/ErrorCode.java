package com.faceid.ledger.error;

/** Stable machine codes for every rule violation; the HTTP layer maps them to problem+json. */
public enum ErrorCode {
    UNKNOWN_SERVICE,
    PACKAGE_SIZE_NOT_SOLD,
    REFUND_NOT_ALLOWED,
    ACCOUNT_NOT_FOUND,
    ACCOUNT_EXISTS,
    PACKAGE_NOT_FOUND,
    PURCHASE_ID_CONFLICT,
    /** A requestId metered before with another service, occurredAt or resultCode (§9). */
    REQUEST_ID_CONFLICT,
    /** An adjustmentId recorded before with another month, amount, reason or requestId (§9). */
    ADJUSTMENT_ID_CONFLICT,
    /** A holdId placed before for another service or time (§9). */
    HOLD_ID_CONFLICT,
    HOLD_NOT_FOUND,
    /** Captured or voided after its expiry (whether or not the expiry is recorded yet). */
    HOLD_EXPIRED,
    HOLD_VOIDED,
    HOLD_CAPTURED,
    /** Nothing was held (no package could cover it, postpaid off): there is nothing to capture or void. */
    HOLD_REFUSED,
    PERIOD_CLOSED,
    PERIOD_NOT_OVER,
    AWAITING_PRICE,
    BEFORE_ACCOUNT_OPENED,
    /** A reported time lies ahead of the ledger clock (more than the allowed skew; openedAt: at all). */
    TIMESTAMP_IN_FUTURE,
    EXPIRY_NOT_DUE,
    NOT_DUE,
    VALIDATION_FAILED
}
