package com.faceid.ledger.app.web;

import com.faceid.ledger.account.ErrorCode;
import com.faceid.ledger.account.LedgerException;
import com.faceid.ledger.pricing.Service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** Parsing helpers shared by the controllers; each failure is a clear 400 with a stable code. */
public final class Requests {
    /** Account, purchase and request ids: printable, no spaces or control characters. */
    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:@/-]*";
    public static final int ID_MAX = 64;
    public static final int REQUEST_ID_MAX = 128;

    private Requests() {
    }

    /** Service codes are exact and case-sensitive: "liveness_verification" is UNKNOWN_SERVICE. */
    public static Service service(String code) {
        return Service.fromCode(code).orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_SERVICE,
                "unknown service '" + code + "'; known: " + java.util.Arrays.toString(Service.values())));
    }

    public static YearMonth month(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.validation("month must be yyyy-MM, got '" + text + "'");
        }
    }

    public static Instant instantOr(OffsetDateTime t, Instant fallback) {
        return t == null ? fallback : t.toInstant();
    }
}
