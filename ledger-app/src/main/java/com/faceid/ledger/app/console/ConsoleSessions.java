package com.faceid.ledger.app.console;

import com.faceid.ledger.app.security.ApiKeyFilter;
import com.faceid.ledger.app.security.AccessPolicy;
import com.faceid.ledger.app.security.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import com.faceid.ledger.app.LedgerProperties;
import jakarta.servlet.http.Cookie;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.catalina.Globals;

/**
 * The console's sessions: a page needs a signed-in session (else the sign-in page), every POST needs the
 * session's CSRF token in its {@code _csrf} field (else 403, nothing done), and the request runs as the
 * signed-in key (the actor recorded on what it does, the role the services check). The session cookie is
 * {@code HttpOnly}, {@code SameSite=Strict}, limited to {@code /console}, and {@code Secure} when the request came
 * over TLS (server.servlet.session.cookie in application.yml; Tomcat adds {@code Secure} on TLS requests).
 * Pages are never cached and may not be framed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ConsoleSessions extends OncePerRequestFilter implements HttpSessionListener {
    static final String CSRF_ATTRIBUTE = ConsoleSessions.class.getName() + ".csrf";
    static final String CSRF_FIELD = "_csrf";
    /**
     * The sign-in form's own cookie: a random nonce, whose HMAC under this node's key is the form's CSRF token.
     * An anonymous visit so leaves no state on the server (a session per visit was 12.7 MB for 20k visits); the
     * session is made when a key signs in.
     */
    static final String SIGN_IN_COOKIE = "LEDGER_SIGN_IN";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] signInKey = new byte[32];
    private final AtomicInteger sessions = new AtomicInteger();
    private final int maxSessions;

    public ConsoleSessions(LedgerProperties props) {
        RANDOM.nextBytes(signInKey);
        this.maxSessions = props.console().maxSessions();
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        sessions.incrementAndGet();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.decrementAndGet();
    }

    /** Sessions alive on this node (the console's signed-in users). */
    public int sessions() {
        return sessions.get();
    }

    /** May one more key sign in on this node ({@code ledger.console.max-sessions})? */
    boolean roomForASession() {
        return sessions.get() < maxSessions;
    }

    /**
     * The sign-in form's CSRF token: sets the form's nonce cookie (path {@code /console/sign-in}, HttpOnly,
     * SameSite=Strict, Secure on TLS) and answers its HMAC. Stateless: nothing is kept on the server.
     */
    String signInToken(HttpServletRequest request, HttpServletResponse response) {
        String nonce = newToken();
        ResponseCookie cookie = ResponseCookie.from(SIGN_IN_COOKIE, nonce).path("/console/sign-in").httpOnly(true)
                .sameSite("Strict").secure(request.isSecure()).maxAge(Duration.ofHours(1)).build();
        response.addHeader("Set-Cookie", cookie.toString());
        return mac(nonce);
    }

    private boolean signInTokenHolds(HttpServletRequest request) {
        String sent = request.getParameter(CSRF_FIELD);
        if (sent == null || request.getCookies() == null) {
            return false;
        }
        for (Cookie c : request.getCookies()) {
            if (c.getName().equals(SIGN_IN_COOKIE) && MessageDigest.isEqual(mac(c.getValue())
                    .getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private String mac(String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signInKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(nonce.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !AccessPolicy.isConsole(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/console/assets/")) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self';"
                + " script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        HttpSession session = request.getSession(false);
        ConsoleUser user = session == null ? null : (ConsoleUser) session.getAttribute(ConsoleUser.SESSION_ATTRIBUTE);
        boolean signIn = path.equals("/console/sign-in");
        if (request.getMethod().equals("POST") && formTooLarge(request)) {
            plainPage(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Refused: the form is larger than"
                    + " the ledger takes (server.tomcat.max-http-form-post-size). Nothing was done.");
            return;
        }
        if (request.getMethod().equals("POST") && (signIn ? !signInTokenHolds(request)
                : user != null && !csrfHolds(request, session))) {
            plainPage(response, HttpServletResponse.SC_FORBIDDEN, "Refused: the form's CSRF token is missing or stale."
                    + " Nothing was done. Reload the page and send it again.");
            return;
        }
        if (signIn) {
            chain.doFilter(request, response);
            return;
        }
        if (user == null) {
            if (request.getMethod().equals("GET")) {
                response.sendRedirect(request.getContextPath() + "/console/sign-in");
            } else {
                plainPage(response, HttpServletResponse.SC_UNAUTHORIZED, "Sign in first: there is no session, or it has"
                        + " ended. Nothing was done.");
            }
            return;
        }
        request.setAttribute(ConsoleUser.REQUEST_ATTRIBUTE, user);
        request.setAttribute(ApiKeyFilter.ROLE_ATTRIBUTE, user.role());
        if (user.accountId() != null) {
            request.setAttribute(ApiKeyFilter.ACCOUNT_ATTRIBUTE, user.accountId());
        }
        RequestContext.set(new RequestContext.Actor(user.keyId(), UUID.randomUUID().toString()));
        try {
            chain.doFilter(request, response);
        } finally {
            RequestContext.clear();
        }
    }

    /** An answer the filter gives before any page runs: short HTML with a way back to the sign-in page. */
    private static void plainPage(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + status + " — faceid-ledger console</title></head><body><main><h1>" + status + "</h1><p role=\"alert\">"
                + HtmlUtils.htmlEscape(message) + "</p><p><a href=\"/console\">Back to the console</a></p></main></body></html>");
    }

    /** Did Tomcat refuse to read the form for its size (with or without Content-Length)? */
    private static boolean formTooLarge(HttpServletRequest request) {
        request.getParameterNames(); // reads the form, once
        Object reason = request.getAttribute(Globals.PARAMETER_PARSE_FAILED_REASON_ATTR);
        return reason != null && reason.toString().endsWith("TOO_LARGE");
    }

    private static boolean csrfHolds(HttpServletRequest request, HttpSession session) {
        String expected = session == null ? null : (String) session.getAttribute(CSRF_ATTRIBUTE);
        String sent = request.getParameter(CSRF_FIELD);
        return expected != null && sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    /** The session's CSRF token, made on first use. */
    static String csrfToken(HttpSession session) {
        String token = (String) session.getAttribute(CSRF_ATTRIBUTE);
        if (token == null) {
            token = newToken();
            session.setAttribute(CSRF_ATTRIBUTE, token);
        }
        return token;
    }

    static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
