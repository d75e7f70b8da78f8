package com.faceid.ledger.app.axon;

import com.faceid.ledger.app.security.AccessPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every read of an account ({@code GET /api/v1/accounts/{id}/…}, and the console's pages of it,
 * {@code GET /console/accounts/{id}/…}) answers from views that have handled every
 * event of that account stored before the request came in: a package bought, a call metered or a hold placed
 * is in the next answer, whichever request it was and whether or not the read-model processor has run yet.
 * It costs one look-up of the account's last event (the unique index on account and sequence) and, when the
 * views are behind, a wait that wakes the processor at once (bounded by {@code ReadModels.await}). Reads that
 * answer from the events themselves ({@link AnswersFromEvents}: quota, packages, a month's statement) do not wait.
 */
@Configuration(proxyBeanMethods = false)
public record ReadYourWrites(ReadModels readModels)
        implements HandlerInterceptor, WebMvcConfigurer {
    private static final String CONSOLE = "/console/accounts/";
    private static final String API = "/api/v1/accounts/";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/accounts/**", "/console/accounts/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")
                || handler instanceof HandlerMethod m && m.hasMethodAnnotation(AnswersFromEvents.class)) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // a console page of an account reads what the API's read of it does: the same wait
        String account = AccessPolicy.accountOf(path.startsWith(CONSOLE) ? API + path.substring(CONSOLE.length()) : path);
        if (account != null) {
            readModels.awaitAccount(account);
        }
        return true;
    }
}
