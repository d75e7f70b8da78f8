package com.faceid.ledger.app.security;

/** What an API key may do (api.md, Authentication). */
public enum Role {
    /** Meter calls for any account; nothing else. */
    METER,
    /** Read one account (the key's own); change nothing. */
    CUSTOMER,
    /** Everything, including the operator endpoints. */
    OPERATOR,
    /** Read everything; change nothing. */
    AUDITOR
}
