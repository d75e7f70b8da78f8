package com.faceid.ledger.app.web;

import com.faceid.ledger.app.LedgerProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

/**
 * Refuses request bodies over {@code ledger.max-body-bytes}, answered 413 BODY_TOO_LARGE: by Content-Length up
 * front, before authentication or anything else reads the request; and, for a body without one (chunked), by
 * counting what the JSON reader takes ({@link Counted}): the read fails with {@link BodyTooLarge} once it passes
 * the limit ({@code ProblemHandler}). Every body the API reads is a JSON {@code @RequestBody}; the console's
 * sign-in form is parsed by Tomcat, which has its own limit on forms.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodyLimitFilter extends OncePerRequestFilter {
    private final long max;
    private final ObjectMapper json;

    public BodyLimitFilter(LedgerProperties props, ObjectMapper json) {
        this.max = props.maxBodyBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > max) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Problems.of(HttpError.BODY_TOO_LARGE,
                    "request bodies are limited to " + max + " bytes (ledger.max-body-bytes)"));
            return;
        }
        chain.doFilter(request, response);
    }

    /** A body without Content-Length (chunked) that grew past the limit: answered 413 (ProblemHandler). */
    public static final class BodyTooLarge extends IOException {
        BodyTooLarge(long max) {
            super("request bodies are limited to " + max + " bytes (ledger.max-body-bytes)");
        }
    }

    /** Hands the JSON reader every request body through a count that stops it past the limit. */
    @ControllerAdvice
    static class Counted extends RequestBodyAdviceAdapter {
        private final long max;

        Counted(LedgerProperties props) {
            this.max = props.maxBodyBytes();
        }

        @Override
        public boolean supports(MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
                                               Class<? extends HttpMessageConverter<?>> converterType)
                throws IOException {
            InputStream counted = new CountingStream(message.getBody(), max);
            return new HttpInputMessage() {
                @Override
                public InputStream getBody() {
                    return counted;
                }

                @Override
                public HttpHeaders getHeaders() {
                    return message.getHeaders();
                }
            };
        }
    }

    private static final class CountingStream extends FilterInputStream {
        private final long max;
        private long read;

        CountingStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            if ((read += n) > max) {
                throw new BodyTooLarge(max);
            }
        }
    }
}
