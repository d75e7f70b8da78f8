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
    /** ref = holdId; due at its expiry. One step a hold: what stores written before EXPIRE_HOLDS still hold. */
    EXPIRE_HOLD,
    /**
     * ref = {@value StepsOf#HOLDS}, one step an account; due at the earliest expiry of its holds still held. When it
     * runs it expires every hold past its expiry and is due again at the next one (or done if none is held).
     */
    EXPIRE_HOLDS
}
