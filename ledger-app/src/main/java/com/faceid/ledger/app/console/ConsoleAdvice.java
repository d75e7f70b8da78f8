package com.faceid.ledger.app.console;

import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.HttpError;
import com.faceid.ledger.app.web.Problems;
import com.faceid.ledger.error.LedgerException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every console page has (the signed-in user, the CSRF token for its forms) and how a page shows an error:
 * the API's own problem (status, code, detail) as a page, so the console says exactly what the API would.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleAdvice {
    private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

    /** Also called for error pages: an exception handler's model does not get the {@code @ModelAttribute}s. */
    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        ConsoleUser user = ConsoleUser.of(request);
        if (user != null) {
            model.addAttribute("me", user);
            model.addAttribute("csrf", ConsoleSessions.csrfToken(request.getSession()));
        }
    }

    @ExceptionHandler(ConsoleUser.Denied.class)
    String denied(ConsoleUser.Denied e, HttpServletRequest request, HttpServletResponse response, Model model) {
        common(request, model);
        return page(response, model, 403, HttpError.FORBIDDEN.name(), "Not yours to see", e.getMessage());
    }

    @ExceptionHandler(LedgerException.class)
    String ledger(LedgerException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        common(request, model);
        return page(response, model, Problems.of(e));
    }

    @ExceptionHandler(ApiException.class)
    String api(ApiException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        common(request, model);
        return page(response, model, Problems.of(e.code(), e.getMessage()));
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
            BindException.class})
    String badParameter(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        common(request, model);
        return page(response, model, 400, HttpError.VALIDATION_FAILED.name(), "Bad request", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        common(request, model);
        log.error("console page failed", e);
        return page(response, model, 500, HttpError.INTERNAL_ERROR.name(), "Something went wrong",
                "the ledger could not show this page; the error is in its log");
    }

    private static String page(HttpServletResponse response, Model model, ProblemDetail p) {
        Object code = p.getProperties() == null ? null : p.getProperties().get("code");
        return page(response, model, p.getStatus(), code == null ? "" : code.toString(), p.getTitle(), p.getDetail());
    }

    private static String page(HttpServletResponse response, Model model, int status, String code, String title,
                               String detail) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("code", code);
        model.addAttribute("title", title);
        model.addAttribute("detail", detail);
        return "console/error";
    }
}
