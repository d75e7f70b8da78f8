package com.faceid.ledger.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Decides before the handler runs whether the answer can be given in a type the client accepts: a request
 * whose {@code Accept} names nothing the endpoint produces gets 406 NOT_ACCEPTABLE and changes nothing
 * (Spring alone would first run the handler, and commit its write, then fail to write the answer: a 500).
 * An endpoint produces what its mapping declares ({@code produces}), else JSON; problem documents are
 * always allowed.
 */
@Configuration(proxyBeanMethods = false)
public record AcceptCheck(ObjectMapper json) implements HandlerInterceptor, WebMvcConfigurer {
    private static final List<MediaType> DEFAULT = List.of(MediaType.APPLICATION_JSON);

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
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

    private static List<MediaType> produces(HandlerMethod method) {
        RequestMapping m = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequestMapping.class);
        if (m == null || m.produces().length == 0) {
            return DEFAULT;
        }
        return java.util.Arrays.stream(m.produces()).map(MediaType::parseMediaType).toList();
    }

    private boolean refuse(HttpServletResponse response, HttpError code, String detail) throws java.io.IOException {
        response.setStatus(code.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(code, detail));
        return false;
    }
}
