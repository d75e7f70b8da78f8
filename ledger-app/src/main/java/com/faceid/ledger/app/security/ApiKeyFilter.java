package com.faceid.ledger.app.security;

import com.faceid.ledger.app.web.HttpError;
import com.faceid.ledger.app.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * Authenticates every request by its Bearer key and authorizes it by the key's role; sets the actor
 * (key id) and correlation id (header {@code X-Correlation-Id}, else generated) for what the request does.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter extends OncePerRequestFilter {
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    /** The request attribute holding the caller's {@link Role}. */
    public static final String ROLE_ATTRIBUTE = ApiKeyFilter.class.getName() + ".role";
    /** The request attribute holding a CUSTOMER key's account (absent for the other roles). */
    public static final String ACCOUNT_ATTRIBUTE = ApiKeyFilter.class.getName() + ".account";
    private final ApiKeys keys;
    private final ObjectMapper json;

    public ApiKeyFilter(ApiKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (AccessPolicy.isConsole(path)) { // the console checks its own sessions
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKey> key = bearer(request);
        if (AccessPolicy.isPublic(path)) {
            // open to anyone; a valid key is known to what answers (health shows its details to OPERATOR and
            // AUDITOR keys only: management.endpoint.health.roles), an invalid one is as no key
            chain.doFilter(key.map(k -> (HttpServletRequest) new KeyHolder(request, k)).orElse(request), response);
            return;
        }
        if (key.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            deny(response, HttpError.UNAUTHENTICATED,
                    "a valid API key is required: Authorization: Bearer <key>");
            return;
        }
        if (!AccessPolicy.allows(key.get(), request.getMethod(), path)) {
            deny(response, HttpError.FORBIDDEN, "key '" + key.get().keyId() + "' ("
                    + key.get().role() + ") may not " + request.getMethod() + " " + path);
            return;
        }
        String correlation = request.getHeader(CORRELATION_HEADER);
        if (correlation == null || correlation.isBlank() || correlation.length() > 128
                || !correlation.matches("[A-Za-z0-9._:-]+")) {
            correlation = UUID.randomUUID().toString();
        }
        response.setHeader(CORRELATION_HEADER, correlation);
        request.setAttribute(ROLE_ATTRIBUTE, key.get().role());
        if (key.get().accountId() != null) {
            request.setAttribute(ACCOUNT_ATTRIBUTE, key.get().accountId());
        }
        RequestContext.set(new RequestContext.Actor(key.get().keyId(), correlation));
        try {
            chain.doFilter(request, response);
        } finally {
            RequestContext.clear();
        }
    }

    private Optional<ApiKey> bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        // RFC 9110 §11.1: the scheme name is case-insensitive ("bearer", "BEARER" are Bearer)
        return header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? keys.find(header.substring(7).trim()) : Optional.empty();
    }

    /** A request on an open path made with a valid key: the key is its principal, its role its one role. */
    private static final class KeyHolder extends HttpServletRequestWrapper {
        private final ApiKey key;

        KeyHolder(HttpServletRequest request, ApiKey key) {
            super(request);
            this.key = key;
        }

        @Override
        public Principal getUserPrincipal() {
            return key::keyId;
        }

        @Override
        public boolean isUserInRole(String role) {
            return key.role().name().equals(role);
        }
    }

    private void deny(HttpServletResponse response, HttpError code, String detail) throws IOException {
        ProblemDetail p = Problems.of(code, detail);
        response.setStatus(code.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), p);
    }
}
