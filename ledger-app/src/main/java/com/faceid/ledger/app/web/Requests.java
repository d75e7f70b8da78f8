package com.faceid.ledger.app.web;

import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.Limits;
import com.faceid.ledger.event.Service;
import jakarta.validation.Validator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Every input field's character set, and its range from the core's {@link Limits} (what every place the value
 * travels can hold: the event, the view columns, CSV, URLs and key entries), checked at the edge, before any
 * command (docs/security.md lists them). Each failure is a clear 400
 * (or 422 for a time ahead of the clock) with a stable code, and changes nothing.
 */
public final class Requests {
    /** Account ids: letters, digits and {@code . _ @ -}; never {@code /} (paths) or {@code :} (key entries). */
    public static final String ACCOUNT_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._@-]*";
    /** requestId, purchaseId, adjustmentId: as account ids, and {@code :} too; never {@code /}. */
    public static final String KEY_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:@-]*";
    /** API result codes: letters, digits and {@code . _ -}, no spaces ("Success " is refused, not trimmed). */
    public static final String RESULT_CODE_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";
    /** A month in a path or body: {@code yyyy-MM} (the API document's pattern; {@link #month} checks the range). */
    public static final String MONTH_PATTERN = "^[0-9]{4}-[0-9]{2}$";
    /** A statement's month in its path, {@code yyyy-MM}, or {@code yyyy-MM.csv} for the CSV form. */
    public static final String MONTH_PATH_PATTERN = "^[0-9]{4}-[0-9]{2}(\\.csv)?$";
    /** Longest input echoed back in an error's detail. */
    private static final int ECHO_MAX = 80;

    private Requests() {
    }

    /**
     * One item of a batch, checked as its own request would be (its bean-validation constraints); a null or invalid
     * item is a {@code VALIDATION_FAILED} of that item alone (the batch's other items go on).
     *
     * @param what the item's name in the detail ("call", "hold", "capture")
     */
    public static <T> T item(Validator validator, T item, String what) {
        if (item == null) {
            throw ApiException.validation("null " + what);
        }
        return valid(validator, item);
    }

    /** Service codes are exact and case-sensitive: "liveness_verification" is UNKNOWN_SERVICE. */
    public static Service service(String code) {
        return Service.fromCode(code).orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_SERVICE,
                "unknown service '" + echo(code) + "'; known: " + Arrays.toString(Service.values())));
    }

    public static String accountId(String field, String value) {
        return matching(field, value, ACCOUNT_ID_PATTERN, Limits.ACCOUNT_ID_MAX);
    }

    public static String key(String field, String value) {
        return matching(field, value, KEY_PATTERN, Limits.KEY_MAX);
    }

    /** A result code, or null (counts as Success). */
    public static String resultCode(String value) {
        return value == null ? null : matching("resultCode", value, RESULT_CODE_PATTERN, Limits.RESULT_CODE_MAX);
    }

    /**
     * Free text (docs/api.md, "Free text"): not blank, at most {@code max} UTF-16 units, and one line of visible
     * text. Refused: control characters (NUL, line breaks, DEL, C1), line and paragraph separators (U+2028,
     * U+2029), the bidirectional controls that reorder what a reader sees (U+061C, U+200E, U+200F, U+202A–U+202E,
     * U+2066–U+2069), unpaired surrogates (which no UTF-8 store can hold), and text with nothing visible in it
     * (only spaces, format characters and blank fillers such as U+3164). The text reaches the console, CSV files
     * and webhooks as given; kept as given, never trimmed.
     */
    public static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.validation(field + " is required");
        }
        if (value.length() > max) {
            throw ApiException.validation(field + " has at most " + max + " characters, got " + value.length());
        }
        boolean visible = false;
        for (int i = 0; i < value.length(); ) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1)))) {
                throw ApiException.validation(field + " has an unpaired surrogate at " + i);
            }
            int cp = value.codePointAt(i);
            String refused = refusedInText(cp);
            if (refused != null) {
                throw ApiException.validation(field + " must be one line of plain text: " + refused + " U+"
                        + String.format("%04X", cp) + " at " + i);
            }
            visible |= !invisible(cp);
            i += Character.charCount(cp);
        }
        if (!visible) {
            throw ApiException.validation(field + " has no visible character");
        }
        return value;
    }

    /** Why a code point has no place in free text, or null when it has one. */
    private static String refusedInText(int cp) {
        if (Character.isISOControl(cp)) {
            return "control character";
        }
        int type = Character.getType(cp);
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            return "line or paragraph separator";
        }
        if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069)) {
            return "bidirectional control";
        }
        return null;
    }

    /** Shows nothing by itself: a space, a format character (zero-width, soft hyphen, ...) or a blank filler. */
    private static boolean invisible(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.getType(cp) == Character.FORMAT
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800 || cp == 0x180E;
    }

    /** Money is a JSON string such as "-12.50" (api.md), with at most {@code scale} decimals. */
    public static BigDecimal decimal(String field, String text, int scale) {
        if (text == null || text.length() > 20 || !text.matches("-?\\d{1,12}(\\.\\d{1," + scale + "})?")) {
            throw ApiException.validation(field + " must be a decimal string with at most " + scale
                    + " decimals, such as \"12.50\", got '" + echo(text) + "'");
        }
        return new BigDecimal(text);
    }

    /** An adjustment's amount: non-zero, at most 2 decimals, |amount| ≤ {@link #Limits.ADJUSTMENT_MAX}. */
    public static BigDecimal adjustmentAmount(String text) {
        BigDecimal amount = decimal("amount", text, 2);
        if (amount.signum() == 0 || amount.abs().compareTo(Limits.ADJUSTMENT_MAX) > 0) {
            throw ApiException.validation("amount must be a non-zero credit or debit of at most "
                    + Limits.ADJUSTMENT_MAX.toPlainString() + " in absolute value, got " + text);
        }
        return amount;
    }

    /** A negotiated unit price: 0 < price ≤ {@link #Limits.UNIT_PRICE_MAX}, at most 4 decimals. */
    public static BigDecimal unitPrice(String text) {
        BigDecimal price = decimal("unitPrice", text, 4);
        if (price.signum() <= 0 || price.compareTo(Limits.UNIT_PRICE_MAX) > 0) {
            throw ApiException.validation("unitPrice must be positive and at most " + Limits.UNIT_PRICE_MAX.toPlainString()
                    + ", got " + text);
        }
        return price;
    }

    /** A month {@code yyyy-MM} between {@link #Limits.FIRST_MONTH} and {@link #Limits.LAST_MONTH}. */
    public static YearMonth month(String text) {
        YearMonth m;
        try {
            m = text != null && text.length() == 7 ? YearMonth.parse(text) : null;
        } catch (DateTimeParseException e) {
            m = null;
        }
        if (m == null) {
            throw ApiException.validation("month must be yyyy-MM, got '" + echo(text) + "'");
        }
        if (m.isBefore(Limits.FIRST_MONTH) || m.isAfter(Limits.LAST_MONTH)) {
            throw ApiException.validation("month must be between " + Limits.FIRST_MONTH + " and " + Limits.LAST_MONTH + ", got " + m);
        }
        return m;
    }

    /** An instant given in a query (asOf, from, to) or as a clock target: within the ledger's years. */
    /**
     * An as-of instant: what was recorded up to it is read back, so it is never after the ledger clock (nothing is
     * recorded later than now; a later instant would also close months and expire packages that are still open
     * and usable): {@code 422 TIMESTAMP_IN_FUTURE}.
     */
    public static Instant asOf(OffsetDateTime asOf, Clock clock) {
        Instant at = instant("asOf", asOf);
        if (at.isAfter(clock.instant())) {
            throw new LedgerException(ErrorCode.TIMESTAMP_IN_FUTURE, "asOf " + asOf + " is after the ledger clock ("
                    + clock.instant().atZone(clock.getZone()).toOffsetDateTime() + "): an as-of answer reads what"
                    + " was recorded, and nothing is recorded after now");
        }
        return at;
    }

    public static Instant instant(String field, OffsetDateTime t) {
        if (t == null) {
            return null;
        }
        // what every store keeps: a reported time with nanoseconds is recorded to the microsecond (docs/api.md)
        Instant i = t.toInstant().truncatedTo(BillingCalendar.RECORDED_PRECISION);
        if (i.isBefore(Limits.EARLIEST) || !i.isBefore(Limits.LATEST)) {
            throw ApiException.validation(field + " must be between " + Limits.EARLIEST + " and " + Limits.LATEST + ", got " + t);
        }
        return i;
    }

    /**
     * A reported time (when a call occurred, a package was bought, an account opened) defaults to now and
     * may not lie ahead of the ledger clock by more than {@code skew}: the ledger records what happened,
     * not what will.
     */
    public static Instant reported(String field, OffsetDateTime t, Clock clock, Duration skew) {
        return reported(field, t, clock.instant(), skew);
    }

    /**
     * The same against one reading of the clock: a command that also records {@code now} as its
     * {@code recordedAt} must default the reported time to that very instant, never to a later reading.
     */
    public static Instant reported(String field, OffsetDateTime t, Instant now, Duration skew) {
        if (t == null) {
            return now;
        }
        Instant i = instant(field, t);
        if (i.isAfter(now.plus(skew))) {
            throw new LedgerException(ErrorCode.TIMESTAMP_IN_FUTURE,
                    field + " " + t + " is more than " + skew + " ahead of the ledger clock (" + now + ")");
        }
        return i;
    }

    /** A page of a list: page ≥ 0, 1 ≤ size ≤ {@code maxSize}, and page × size within what an offset can hold. */
    public static long offset(int page, int size, int maxSize) {
        if (page < 0 || size < 1 || size > maxSize) {
            throw ApiException.validation("page must be >= 0 and size between 1 and " + maxSize);
        }
        long offset = (long) page * size;
        if (offset > Integer.MAX_VALUE) {
            throw ApiException.validation("page x size must be at most " + Integer.MAX_VALUE + ", got " + offset);
        }
        return offset;
    }

    private static String matching(String field, String value, String pattern, int max) {
        if (value == null || value.isEmpty()) {
            throw ApiException.validation(field + " is required");
        }
        if (value.length() > max || !value.matches(pattern)) {
            throw ApiException.validation(field + " must match " + pattern + " with at most " + max
                    + " characters, got '" + echo(value) + "'");
        }
        return value;
    }

    /** Input quoted in an error: cut short, control characters shown as '?'. */
    public static String echo(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > ECHO_MAX ? s.substring(0, ECHO_MAX) + "…" : s;
        return cut.chars().map(c -> Character.isISOControl(c) || Character.isSurrogate((char) c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /**
     * A request's own constraints (its annotations), for a request that did not come as a validated JSON body (the
     * console's forms): the same 400 VALIDATION_FAILED, field by field, as the API's.
     */
    public static <T> T valid(Validator validator, T request) {
        String invalid = validator.validate(request).stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                .collect(Collectors.joining("; "));
        if (!invalid.isEmpty()) {
            throw ApiException.validation(invalid);
        }
        return request;
    }
}
