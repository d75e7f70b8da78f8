package com.faceid.ledger.event;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money is CNY (元) as {@link BigDecimal} with exactly two decimals (fen). Never floating point.
 * Everything that stores or compares an amount goes through {@link #of} so that scale is uniform
 * (BigDecimal.equals is scale-sensitive, and events are compared in tests and on replay).
 */
public final class Money {
    public static final int SCALE = 2;
    public static final BigDecimal ZERO = new BigDecimal("0.00");

    private Money() {
    }

    /** Normalises an amount that must already be exact to the fen; rejects fractions of a fen. */
    public static BigDecimal of(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    public static BigDecimal of(String amount) {
        return of(new BigDecimal(amount));
    }

    /**
     * count × unit price, rounded half-up to the fen. With list prices (2 decimals) this is exact;
     * rounding can only happen with a negotiated price of 3–4 decimals, once per statement line.
     */
    public static BigDecimal times(long count, BigDecimal unitPrice) {
        return unitPrice.multiply(BigDecimal.valueOf(count)).setScale(SCALE, RoundingMode.HALF_UP);
    }

    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return of(a.add(b));
    }
}
