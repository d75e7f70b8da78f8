package com.faceid.ledger.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/**
 * The largest value of each kind an event may carry: what every place it travels can hold (the event's JSON, the
 * views' VARCHAR and DECIMAL columns, CSV, URLs, key entries). Defined once, here beside the events: the HTTP edge
 * refuses anything past them before any command (web.Requests, bean validation), and the aggregate checks the ones
 * that decide money. docs/security.md lists them with their characters.
 */
public final class Limits {
    public static final int ACCOUNT_ID_MAX = 64;
    /** requestId, purchaseId, adjustmentId, holdId. */
    public static final int KEY_MAX = 128;
    public static final int RESULT_CODE_MAX = 64;
    /** Free text (an adjustment's reason), in UTF-16 units. */
    public static final int REASON_MAX = 1000;
    /** A person's or system's name (agreedBy). */
    public static final int NAME_MAX = 128;
    /** Calls in one package bought (the catalog sells far fewer; a negotiated size may not pass this). */
    public static final int PACKAGE_SIZE_MAX = 1_000_000;
    /** An adjustment's amount, in absolute value (2 decimals). */
    public static final BigDecimal ADJUSTMENT_MAX = new BigDecimal("100000000.00");
    /** A negotiated unit price (4 decimals; list prices are about 1 元 a call). */
    public static final BigDecimal UNIT_PRICE_MAX = new BigDecimal("10000.0000");
    /** Months and instants outside these are refused: the views hold 4-digit years. */
    public static final YearMonth FIRST_MONTH = YearMonth.of(2000, 1);
    public static final YearMonth LAST_MONTH = YearMonth.of(2199, 12);
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private Limits() {
    }
}
