package com.faceid.ledger.app.web;

import com.faceid.ledger.error.LedgerException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.time.OffsetDateTime;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Every error leaves as application/problem+json with a stable {@code code}; nothing leaks a stack trace. */
@RestControllerAdvice
public class ProblemHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(LedgerException.class)
    ResponseEntity<ProblemDetail> ledger(LedgerException e) {
        return respond(Problems.of(e));
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return respond(Problems.of(e.code(), e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + " " + f.getDefaultMessage()).sorted().collect(Collectors.joining("; "));
        return respond(Problems.of(HttpError.VALIDATION_FAILED, detail));
    }

    /** A path or query parameter that breaks its constraint, or a required one that is missing. */
    @ExceptionHandler({ConstraintViolationException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ProblemDetail> invalidParameter(Exception e) {
        return respond(Problems.of(HttpError.VALIDATION_FAILED, e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof BodyLimitFilter.BodyTooLarge tooLarge) {
                return respond(Problems.of(HttpError.BODY_TOO_LARGE, tooLarge.getMessage()));
            }
        }
        String detail = unreadableDetail(e.getMostSpecificCause());
        if (detail.length() > 300) {
            detail = detail.substring(0, 300) + "…";
        }
        return respond(Problems.of(HttpError.MALFORMED_REQUEST,
                "the request body is not the expected JSON: " + detail));
    }

    /** A qualified Java name, e.g. {@code MeteringController$MeterCallRequest}. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "\\b(?:[a-z_][a-z0-9_]*\\.)+(?:[A-Za-z_][\\w]*\\$)*([A-Za-z_][\\w]*)");

    /**
     * What was wrong with the body, where in it, and nothing of the ledger's insides: Jackson's own message without
     * its source location and reference chain, Java names cut to their simple name (MeterCallRequest, String).
     */
    static String unreadableDetail(Throwable cause) {
        String message = cause instanceof com.fasterxml.jackson.core.JsonProcessingException j
                ? j.getOriginalMessage() : cause.getMessage();
        String where = "";
        if (cause instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            where = path.length() == 0 ? "" : " (at " + path + ")";
        }
        return QUALIFIED.matcher(message == null ? "unreadable" : message).replaceAll("$1") + where;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        String detail = OffsetDateTime.class.equals(e.getRequiredType())
                ? e.getName() + " must be an ISO-8601 time with an offset, such as 2026-03-01T09:30:00+08:00 (an"
                + " offset is required), got '" + Requests.echo(String.valueOf(e.getValue())) + "'"
                : e.getName() + " is not a valid " + (e.getRequiredType() == null ? "value"
                : e.getRequiredType().getSimpleName()) + ": '" + Requests.echo(String.valueOf(e.getValue())) + "'";
        return respond(Problems.of(HttpError.VALIDATION_FAILED, detail));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(Problems.of(HttpError.UNSUPPORTED_MEDIA_TYPE, e.getMessage()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return respond(Problems.of(HttpError.METHOD_NOT_ALLOWED, e.getMessage()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NoResourceFoundException e) {
        return respond(Problems.of(HttpError.NOT_FOUND, "no such endpoint: " + e.getResourcePath()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (StoreUnavailable.is(e)) {
            // one line, not a stack a request: under load an outage would otherwise flood the log
            log.warn("store unavailable: {}", rootMessage(e));
            return respond(Problems.of(HttpError.STORE_UNAVAILABLE, "the ledger's store is unavailable or too slow"
                    + " right now; nothing was recorded unless a retry with the same id says so: try again shortly"));
        }
        log.error("unexpected failure", e);
        return respond(Problems.of(HttpError.INTERNAL_ERROR,
                "the ledger could not complete the request; nothing was recorded unless a retry says so"));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail p) {
        var answer = ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (p.getStatus() == 429) { // a share or a queue is full: ask again soon (limits.FairShare, what-if runs)
            answer.header("Retry-After", "1");
        } else if (p.getStatus() == 503) { // the store is away: a few seconds, as the pool waits for a connection
            answer.header("Retry-After", "5");
        }
        return answer.body(p);
    }
}
