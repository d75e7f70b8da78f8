package com.faceid.ledger.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * TRACE is refused everywhere with {@code 405} and a problem document, before anything else runs. It must never
 * reach a servlet: {@code HttpServlet}'s own TRACE echoes the request's headers back (cross-site tracing), and
 * Spring's DispatcherServlet hands TRACE to it after its own answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceRefused extends OncePerRequestFilter {
    private final ObjectMapper json;

    public TraceRefused(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"TRACE".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.METHOD_NOT_ALLOWED.value());
        response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(HttpError.METHOD_NOT_ALLOWED, "TRACE is not allowed"));
    }
}
