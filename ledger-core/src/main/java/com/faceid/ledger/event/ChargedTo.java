package com.faceid.ledger.event;

/** Who paid for a metered call (api.md "chargedTo"). */
public enum ChargedTo {
    /** The account's free grant for that service. */
    FREE,
    /** A purchased package of that service. */
    PURCHASED,
    /** Counted into the month's postpaid volume, priced when the month closes. */
    POSTPAID,
    /** Not billable (its result code charges nothing). */
    NONE,
    /** Billable, but no package could pay and postpaid is off: the caller must deny the service. */
    REFUSED
}
