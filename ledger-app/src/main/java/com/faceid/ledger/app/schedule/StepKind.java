package com.faceid.ledger.app.schedule;

/** The time-driven steps the ledger schedules. */
public enum StepKind {
    /** ref = packageId of a free grant; due at its effectiveFrom. */
    ACTIVATE_GRANT,
    /** ref = packageId; due at its expiresAt. */
    EXPIRE_PACKAGE,
    /** ref = packageId:days; due that many days before expiry. */
    EXPIRY_REMINDER,
    /** ref = yyyy-MM; due at the month's end plus the grace period. */
    CLOSE_MONTH,
    EXPIRE_HOLD
}
