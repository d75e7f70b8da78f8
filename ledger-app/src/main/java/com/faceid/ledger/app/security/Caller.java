package com.faceid.ledger.app.security;

import jakarta.servlet.http.HttpServletRequest;

/** Who sent a request: the key's role, and the account of a CUSTOMER key (null for the other roles). */
public record Caller(Role role, String accountId) {
    public static Caller of(HttpServletRequest request) {
        return new Caller((Role) request.getAttribute(ApiKeyFilter.ROLE_ATTRIBUTE),
                (String) request.getAttribute(ApiKeyFilter.ACCOUNT_ATTRIBUTE));
    }

    /**
     * Who acted, as a customer is told it: its role, never the ledger's key id ({@code scheduler} stays, as it
     * names no key; every key that records anything on an account is an operator's).
     */
    public static String actorShownToCustomer(String actor) {
        return actor == null ? null : "scheduler".equals(actor) ? "scheduler" : "operator";
    }

    public boolean isCustomer() {
        return role == Role.CUSTOMER;
    }

    /** May this caller see what concerns {@code account} (null: every account)? */
    public boolean sees(String account) {
        return role != Role.CUSTOMER || (account != null && account.equals(accountId));
    }
}
