package com.faceid.ledger.error;

/** A command the rules refuse. Thrown before anything is applied, so a refusal changes nothing. */
public class LedgerException extends RuntimeException {
    private final ErrorCode code;

    public LedgerException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
