package com.faceid.ledger.app.console;

import com.faceid.ledger.app.security.AccessPolicy;
import com.faceid.ledger.app.security.Role;

import java.io.Serializable;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is signed in to the console: the key's id, role and (CUSTOMER) account, never its secret. Kept in the
 * server-side session; what a page may show is what the API would let this key read or do.
 *
 * @param accountId a CUSTOMER key's account; null for the other roles
 */
public record ConsoleUser(String keyId, Role role, String accountId) implements Serializable {
    /** The session attribute holding the signed-in user. */
    static final String SESSION_ATTRIBUTE = ConsoleUser.class.getName();
    /** The request attribute the session filter sets to the signed-in user, once per request. */
    static final String REQUEST_ATTRIBUTE = ConsoleUser.class.getName() + ".request";

    /** The signed-in user of this request, or null (the sign-in page, a page refused before it ran). */
    static ConsoleUser of(HttpServletRequest request) {
        return (ConsoleUser) request.getAttribute(REQUEST_ATTRIBUTE);
    }

    /** May this user do {@code method} on the API path whose data a page shows? (The API's own policy.) */
    public boolean may(String method, String apiPath) {
        return AccessPolicy.allows(role, accountId, method, apiPath);
    }

    /** Throws {@link Denied} unless {@link #may}. */
    public void require(String method, String apiPath) {
        if (!may(method, apiPath)) {
            throw new Denied("key '" + keyId + "' (" + role + ") may not " + method + " " + apiPath);
        }
    }

    public boolean operator() {
        return role == Role.OPERATOR;
    }

    /** A page the signed-in key may not see: answered 403, like the API. */
    public static final class Denied extends RuntimeException {
        public Denied(String message) {
            super(message);
        }
    }
}
