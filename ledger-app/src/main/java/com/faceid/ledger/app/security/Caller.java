package com.faceid.ledger.app.security;

import jakarta.servlet.http.HttpServletRequest;

/** Who sent a request: the key's role, and the account of a CUSTOMER key (null for the other roles). */
public record Caller(Role role, String accountId) {
    public static Caller of(HttpServletRequest request) {
        return new Caller((Role) request.getAttribute(ApiKeyFilter.ROLE_ATTRIBUTE),
                (String) request.getAttribute(ApiKeyFilter.ACCOUNT_ATTRIBUTE));
    }

    /** May this caller see what concerns {@code account} (null: every account)? */
    public boolean sees(String account) {
        return role != Role.CUSTOMER || (account != null && account.equals(accountId));
    }
}
