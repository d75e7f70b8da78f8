package com.faceid.ledger.app.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.math.RoundingMode;

/** How the contract writes values: money as strings with 2 decimals, times with the billing zone's offset. */
public final class Json {
    private Json() {
    }

    /** Money as written by {@link #money}: yuan with at least two decimals, negative for credits. */
    public static final String MONEY_PATTERN = "^-?[0-9]+\\.[0-9]{2,}$";
    /** A decimal as written by {@link BigDecimal#toPlainString()} (unit prices: up to 4 decimals). */
    public static final String DECIMAL_PATTERN = "^-?[0-9]+(\\.[0-9]+)?$";

    public static String money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()),
                RoundingMode.UNNECESSARY).toPlainString();
    }

    public static OffsetDateTime time(Instant t, ZoneId zone) {
        return t == null ? null : t.atZone(zone).toOffsetDateTime();
    }
}
