package com.faceid.ledger.app.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** How the contract writes values: money as strings with 2 decimals, times with the billing zone's offset. */
public final class Json {
    private Json() {
    }

    public static String money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()),
                java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    public static OffsetDateTime time(Instant t, ZoneId zone) {
        return t == null ? null : t.atZone(zone).toOffsetDateTime();
    }
}
