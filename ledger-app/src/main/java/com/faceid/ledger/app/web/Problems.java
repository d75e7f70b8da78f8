package com.faceid.ledger.app.web;

import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.Map;

/** Builds the RFC 9457 problem documents of the contract: type, title, status, detail and a stable code. */
public final class Problems {
    private static final Map<ErrorCode, HttpStatus> STATUS = Map.ofEntries(
            Map.entry(ErrorCode.UNKNOWN_SERVICE, HttpStatus.BAD_REQUEST),
            Map.entry(ErrorCode.VALIDATION_FAILED, HttpStatus.BAD_REQUEST),
            Map.entry(ErrorCode.PACKAGE_SIZE_NOT_SOLD, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ErrorCode.BEFORE_ACCOUNT_OPENED, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ErrorCode.ACCOUNT_NOT_FOUND, HttpStatus.NOT_FOUND),
            Map.entry(ErrorCode.PACKAGE_NOT_FOUND, HttpStatus.NOT_FOUND),
            Map.entry(ErrorCode.REFUND_NOT_ALLOWED, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.ACCOUNT_EXISTS, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.PURCHASE_ID_CONFLICT, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.REQUEST_ID_CONFLICT, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.ADJUSTMENT_ID_CONFLICT, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.TIMESTAMP_IN_FUTURE, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ErrorCode.NOT_DUE, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.HOLD_ID_CONFLICT, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.HOLD_NOT_FOUND, HttpStatus.NOT_FOUND),
            Map.entry(ErrorCode.HOLD_EXPIRED, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.HOLD_VOIDED, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.HOLD_CAPTURED, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.HOLD_REFUSED, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.PERIOD_CLOSED, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.PERIOD_NOT_OVER, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.AWAITING_PRICE, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.EXPIRY_NOT_DUE, HttpStatus.CONFLICT));

    private Problems() {
    }

    /** The code of an error the servlet container answers itself (no application exception behind it). */
    public static HttpError codeForStatus(int status) {
        return switch (status) {
            case 400 -> HttpError.MALFORMED_REQUEST;
            case 404 -> HttpError.NOT_FOUND;
            case 405 -> HttpError.METHOD_NOT_ALLOWED;
            case 413 -> HttpError.BODY_TOO_LARGE;
            default -> status >= 500 ? HttpError.INTERNAL_ERROR : HttpError.REQUEST_REJECTED;
        };
    }

    public static HttpStatus statusOf(ErrorCode code) {
        return STATUS.getOrDefault(code, HttpStatus.BAD_REQUEST);
    }

    public static ProblemDetail of(HttpError code, String detail) {
        return of(code.status(), code.name(), detail);
    }

    /** For an answer whose status is not the code's own (the container's rarer refusals keep their status). */
    public static ProblemDetail of(HttpStatus status, HttpError code, String detail) {
        return of(status, code.name(), detail);
    }

    private static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://faceid-ledger.dev/problems/" + code.toLowerCase().replace('_', '-')));
        p.setTitle(titleOf(code));
        p.setProperty("code", code);
        return p;
    }

    public static ProblemDetail of(LedgerException e) {
        return of(statusOf(e.code()), e.code().name(), e.getMessage());
    }

    private static String titleOf(String code) {
        String words = code.toLowerCase().replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
