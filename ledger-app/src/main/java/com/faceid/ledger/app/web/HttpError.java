package com.faceid.ledger.app.web;

import com.faceid.ledger.error.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * The problem codes the HTTP layer answers itself (the ledger's rule violations are
 * {@link ErrorCode}); each with its one status. Together the two enums are every
 * {@code code} a problem document can carry, and the API document lists exactly them.
 */
public enum HttpError {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST),
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED),
    FORBIDDEN(HttpStatus.FORBIDDEN),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    CALL_NOT_FOUND(HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
    CLOCK_NOT_SIMULATED(HttpStatus.CONFLICT),
    CLOCK_BACKWARDS(HttpStatus.CONFLICT),
    REPLAY_RUNNING(HttpStatus.CONFLICT),
    /** A replay needs every read-model segment, and another (live) node holds some. */
    READ_MODELS_CLAIMED(HttpStatus.CONFLICT),
    /** A webhook delivery being sent right now cannot be retried until that attempt ends. */
    DELIVERY_IN_FLIGHT(HttpStatus.CONFLICT),
    /** A webhook URL that is not http(s) or whose host is not a public address (docs/webhooks.md "Safety"). */
    WEBHOOK_URL_NOT_ALLOWED(HttpStatus.UNPROCESSABLE_ENTITY),
    /** An account (or the ledger-wide set) already has the most webhooks it may (webhook.WebhookService). */
    TOO_MANY_WEBHOOKS(HttpStatus.UNPROCESSABLE_ENTITY),
    BODY_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE),
    BATCH_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE),
    /** As many what-if runs wait or run on this node as it takes at once (whatif.WhatIfRuns). */
    TOO_MANY_RUNS(HttpStatus.TOO_MANY_REQUESTS),
    /** An expensive read past its key's, its account's or the node's share (limits.FairShare). */
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    /** Any other refusal the servlet container answers itself (an unusual 4xx status). */
    REQUEST_REJECTED(HttpStatus.BAD_REQUEST),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR),
    /** The store is away or too slow (web.StoreUnavailable): nothing was recorded unless a retry says so. */
    STORE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

    private final HttpStatus status;

    HttpError(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
