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

    /** Money is a JSON string such as "-12.50" (api.md); at most 2 decimals unless {@code scale} allows more. */
    public static java.math.BigDecimal decimal(String field, String text, int scale) {
        if (text == null || !text.matches("-?\\d{1,12}(\\.\\d{1," + scale + "})?")) {
            throw ApiException.validation(field + " must be a decimal string with at most " + scale
                    + " decimals, such as \"12.50\", got '" + text + "'");
        }
        return new java.math.BigDecimal(text);
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

    /**
     * A reported time (when a call occurred, a package was bought, an account opened) defaults to now and
     * may not lie ahead of the ledger clock by more than {@code skew}: the ledger records what happened,
     * not what will.
     */
    public static Instant reported(OffsetDateTime t, java.time.Clock clock, java.time.Duration skew) {
        Instant now = clock.instant();
        if (t == null) {
            return now;
        }
        if (t.toInstant().isAfter(now.plus(skew))) {
            throw new ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY, "TIMESTAMP_IN_FUTURE",
                    t + " is more than " + skew + " ahead of the ledger clock (" + now + ")");
        }
        return t.toInstant();
    }
}
