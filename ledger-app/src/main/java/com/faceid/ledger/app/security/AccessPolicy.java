package com.faceid.ledger.app.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which role may do what (pure; tested by the 401/403 matrix):
 * <ul>
 *   <li>METER: POST {@code /api/v1/accounts/{id}/calls} and {@code /api/v1/calls:batch}, for any account;</li>
 *   <li>CUSTOMER: GET under {@code /api/v1/accounts/{its own id}}, and its what-if; its own account's webhooks
 *       ({@code /api/v1/webhooks}: the webhook service keeps it to its account);</li>
 *   <li>AUDITOR: every GET, and any account's what-if;</li>
 *   <li>OPERATOR: everything;</li>
 * </ul>
 * A what-if ({@code POST /api/v1/accounts/{id}/what-if}, or started as a run: {@code POST …/what-if-runs}) is
 * a read: it re-rates the history aside and changes nothing, so whoever may read the account may ask it.
 * <p>
 * The liveness and readiness probes and the API documentation ({@code /v3/api-docs}, {@code /swagger-ui}) need
 * no key: integrators generate clients from the document before they hold one, and it holds no ledger data.
 */
public final class AccessPolicy {
    private static final Pattern ACCOUNT_PATH = Pattern.compile("^/api/v1/accounts/([^/]+)(/.*)?$");

    private AccessPolicy() {
    }

    /** Paths that need no key: the health probes and the API documentation. */
    public static boolean isPublic(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.equals("/v3/api-docs") || path.startsWith("/v3/api-docs/") || path.startsWith("/swagger-ui");
    }

    /**
     * The console's pages: authenticated by a session (signed in with a key), not by a Bearer header; each page
     * asks {@link #allows(Role, String, String, String)} about the API path whose data it shows.
     */
    public static boolean isConsole(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    public static boolean allows(ApiKey key, String method, String path) {
        return allows(key.role(), key.accountId(), method, path);
    }

    /** @param accountId a CUSTOMER key's account (null for the other roles) */
    public static boolean allows(Role role, String accountId, String method, String path) {
        boolean read = method.equals("GET") || method.equals("HEAD") || isWhatIf(method, path)
                || isDigestCheck(method, path);
        return switch (role) {
            case OPERATOR -> true;
            case AUDITOR -> read;
            case METER -> method.equals("POST") && (path.equals("/api/v1/calls:batch") || path.equals("/api/v1/holds:batch")
                    || path.equals("/api/v1/holds:capture-batch") || isMetering(path));
            case CUSTOMER -> read && accountId != null && accountId.equals(accountOf(path)) || isWebhooks(path);
        };
    }

    /** Checking kept digests reads the store and changes nothing: a POST only because the list is long. */
    private static boolean isDigestCheck(String method, String path) {
        return method.equals("POST") && path.equals("/api/v1/admin/verify/digests");
    }

    private static boolean isWebhooks(String path) {
        return path.equals("/api/v1/webhooks") || path.startsWith("/api/v1/webhooks/");
    }

    private static boolean isWhatIf(String method, String path) {
        Matcher m = ACCOUNT_PATH.matcher(path);
        return method.equals("POST") && m.matches() && ("/what-if".equals(m.group(2))
                || "/what-if-runs".equals(m.group(2)));
    }

    private static boolean isMetering(String path) {
        Matcher m = ACCOUNT_PATH.matcher(path);
        return m.matches() && m.group(2) != null
                && (m.group(2).equals("/calls") || m.group(2).equals("/holds") || m.group(2).matches("/holds/[^/]+/(capture|void)"));
    }

    /** The account a path under {@code /api/v1/accounts/{id}} is about, or null for any other path. */
    public static String accountOf(String path) {
        Matcher m = ACCOUNT_PATH.matcher(path);
        return m.matches() ? m.group(1) : null;
    }
}
