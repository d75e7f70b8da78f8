package com.faceid.ledger.app.web;

import com.faceid.ledger.app.LedgerProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.io.IOException;

/**
 * What an API request must satisfy before its handler runs, so that a refusal changes nothing:
 * <ul>
 * <li>an answer in a type the client accepts: a request whose {@code Accept} names nothing the endpoint produces
 * gets 406 NOT_ACCEPTABLE (Spring alone would first run the handler, and commit its write, then fail to write
 * the answer: a 500). An endpoint produces what its mapping declares ({@code produces}), else JSON; problem
 * documents are always allowed;</li>
 * <li>a body within {@code ledger.max-body-bytes} even where the endpoint reads none (closing a month, a
 * replay): such a body is read and dropped, and past the limit the request is 413 BODY_TOO_LARGE. Before, a
 * chunked body (no Content-Length, so not refused up front by {@link BodyLimitFilter}) to such an endpoint was
 * never read, and the request went on. A body the endpoint reads is counted as it is read (BodyLimitFilter).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public record ApiPreconditions(ObjectMapper json, LedgerProperties props) implements HandlerInterceptor,
        WebMvcConfigurer {
    private static final List<MediaType> DEFAULT = List.of(MediaType.APPLICATION_JSON);

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        return acceptable(request, response, handler) && bodyWithinLimit(request, response, handler);
    }

    private boolean acceptable(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank() || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return refuse(response, HttpError.MALFORMED_REQUEST,
                    "the Accept header is not a list of media types: " + Requests.echo(accept));
        }
        List<MediaType> produced = produces(method);
        for (MediaType a : accepted) {
            if (a.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    || produced.stream().anyMatch(a::isCompatibleWith)) {
                return true;
            }
        }
        return refuse(response, HttpError.NOT_ACCEPTABLE, "this endpoint answers "
                + produced + "; the request accepts only " + Requests.echo(accept));
    }

    /** A body the handler does not read is read here and dropped; past the limit, 413. */
    private boolean bodyWithinLimit(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (request.getContentLengthLong() == 0 || !(handler instanceof HandlerMethod m) || Arrays.stream(
                m.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class))) {
            return true;
        }
        long read = 0;
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if ((read += n) > props.maxBodyBytes()) {
                    return refuse(response, HttpError.BODY_TOO_LARGE, "request bodies are limited to "
                            + props.maxBodyBytes() + " bytes (ledger.max-body-bytes)");
                }
            }
        }
        return true;
    }

    private static List<MediaType> produces(HandlerMethod method) {
        RequestMapping m = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequestMapping.class);
        if (m == null || m.produces().length == 0) {
            return DEFAULT;
        }
        return Arrays.stream(m.produces()).map(MediaType::parseMediaType).toList();
    }

    private boolean refuse(HttpServletResponse response, HttpError code, String detail) throws IOException {
        response.setStatus(code.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(code, detail));
        return false;
    }
}
