package com.faceid.ledger.advice;

/**
 * A package the account already holds, as the advisor sees it: its units left and how long it can still pay,
 * in horizon months (month 0 is the first month of the horizon).
 *
 * @param free             a free grant: it pays before any purchased package (§4)
 * @param fullMonths       it can pay during months {@code 0 .. fullMonths-1} entirely
 * @param lastMonthPermille the share (per mille) of month {@code fullMonths}'s calls it can still pay before it
 *                         expires during that month (0 when it expires at a month start)
 */
public record Holding(boolean free, long remaining, int fullMonths, int lastMonthPermille) {
    public Holding {
        if (remaining < 0 || fullMonths < 0 || lastMonthPermille < 0 || lastMonthPermille > 1000) {
            throw new IllegalArgumentException("a holding has units >= 0, months >= 0 and a share of 0..1000");
        }
    }
}
