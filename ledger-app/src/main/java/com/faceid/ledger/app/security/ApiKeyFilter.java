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
        if (AccessPolicy.isPublic(path) || AccessPolicy.isConsole(path)) { // the console checks its own sessions
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        // RFC 9110 §11.1: the scheme name is case-insensitive ("bearer", "BEARER" are Bearer)
        Optional<ApiKey> key = header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? keys.find(header.substring(7).trim()) : Optional.empty();
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

    private void deny(HttpServletResponse response, HttpError code, String detail) throws IOException {
        ProblemDetail p = Problems.of(code, detail);
        response.setStatus(code.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), p);
    }
}
