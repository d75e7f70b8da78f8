package com.faceid.ledger.app.console;

import com.faceid.ledger.app.security.ApiKeyFilter;
import com.faceid.ledger.app.security.AccessPolicy;
import com.faceid.ledger.app.security.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

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
public class ConsoleSessions extends OncePerRequestFilter {
    static final String CSRF_ATTRIBUTE = ConsoleSessions.class.getName() + ".csrf";
    static final String CSRF_FIELD = "_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

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
        if (request.getMethod().equals("POST") && (user != null || signIn) && !csrfHolds(request, session)) {
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
