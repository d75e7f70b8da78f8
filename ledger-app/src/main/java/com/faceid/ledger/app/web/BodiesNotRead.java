package com.faceid.ledger.app.web;

import com.faceid.ledger.app.LedgerProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A body sent to an API endpoint that reads none (closing a month, a replay, a capture's path alone...) is read
 * and dropped before the endpoint runs, counted as a JSON body is: past {@code ledger.max-body-bytes} the request
 * is refused {@code 413 BODY_TOO_LARGE} and nothing is done. Before, a chunked body (no Content-Length, so not
 * refused up front by {@link BodyLimitFilter}) to such an endpoint was never read, and the request went on.
 */
@Configuration(proxyBeanMethods = false)
public record BodiesNotRead(LedgerProperties props) implements HandlerInterceptor, WebMvcConfigurer {
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (request.getContentLengthLong() == 0 || !(handler instanceof HandlerMethod m)
                || Arrays.stream(m.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class))) {
            return true;
        }
        long max = props.maxBodyBytes();
        long read = 0;
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if ((read += n) > max) {
                    throw new ApiException(HttpError.BODY_TOO_LARGE,
                            "request bodies are limited to " + max + " bytes (ledger.max-body-bytes)");
                }
            }
        }
        return true;
    }
}
