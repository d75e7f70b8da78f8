package com.faceid.ledger.event;

/** Where a hold stands (api.md "Holds"). */
public enum HoldStatus {
    /** A unit is reserved for the call (or, on postpaid, nothing needs reserving). */
    HELD,
    /** No package could cover the call and postpaid is off: nothing held, the gateway must not serve it. */
    REFUSED,
    /** The call was metered against it. */
    CAPTURED,
    /** The gateway gave it up; its unit is free again. */
    VOIDED,
    /** Neither captured nor voided by its expiry; its unit is free again. */
    EXPIRED
}
