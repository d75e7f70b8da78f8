package com.faceid.ledger.app.web;

import org.springframework.http.HttpStatus;

/** A request refused by the HTTP layer itself (before any command), with its stable machine code. */
public class ApiException extends RuntimeException {
    private final HttpError code;

    public ApiException(HttpError code, String detail) {
        super(detail);
        this.code = code;
    }

    public static ApiException validation(String detail) {
        return new ApiException(HttpError.VALIDATION_FAILED, detail);
    }

    public HttpStatus status() {
        return code.status();
    }

    public HttpError code() {
        return code;
    }
}
