package com.faceid.ledger.account;

import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * All calendar arithmetic of the rules, in the billing time zone (default Asia/Shanghai). Pure: the
 * instant always comes from the caller (a command, an event), never from a clock here.
 */
public record BillingCalendar(ZoneId zone) {
    /** The billing zone when none is configured (ledger.zone), by name: a setting's default must be a constant. */
    public static final String DEFAULT_ZONE_NAME = "Asia/Shanghai";
    public static final ZoneId DEFAULT_ZONE = ZoneId.of(DEFAULT_ZONE_NAME);
    /**
     * The finest unit of an instant the ledger records (its clock's readings and every reported time): what every
     * store keeps, so an instant is the same in its event, in each view and in each fold of the events.
     */
    public static final ChronoUnit RECORDED_PRECISION = ChronoUnit.MICROS;

    public YearMonth monthOf(Instant t) {
        return YearMonth.from(t.atZone(zone));
    }

    /**
     * Refuses a month outside an account's life so far: before the month it was opened in
     * ({@code BEFORE_ACCOUNT_OPENED}), or after the month of {@code now} ({@code TIMESTAMP_IN_FUTURE}). An
     * adjustment corrects, and a statement shows, a month the account has lived in.
     */
    public void requireLived(YearMonth month, Instant openedAt, Instant now) {
        requireOpenedBy(month, openedAt);
        YearMonth current = monthOf(now);
        if (month.isAfter(current)) {
            throw new LedgerException(ErrorCode.TIMESTAMP_IN_FUTURE, "month " + month
                    + " has not begun (the ledger clock is in " + current + ")");
        }
    }

    /** Refuses a month before the one an account was opened in ({@code BEFORE_ACCOUNT_OPENED}). */
    public void requireOpenedBy(YearMonth month, Instant openedAt) {
        YearMonth opened = monthOf(openedAt);
        if (month.isBefore(opened)) {
            throw new LedgerException(ErrorCode.BEFORE_ACCOUNT_OPENED, "month " + month
                    + " is before the account was opened (" + opened + ")");
        }
    }

    public LocalDate dayOf(Instant t) {
        return t.atZone(zone).toLocalDate();
    }

    /** §2: the free grant is seen "the day after activation": usable from 00:00 of the next local day. */
    public Instant grantEffectiveFrom(Instant openedAt) {
        return dayOf(openedAt).plusDays(1).atStartOfDay(zone).toInstant();
    }

    /**
     * §3: same local date and time one year later; the expiry instant itself is no longer valid.
     * A start on 29 February ends on 28 February of the next year (java.time clamps to the month's end),
     * i.e. exactly 365 days: the customer never gets less than a year of 365 days.
     */
    public Instant oneYearAfter(Instant start) {
        return start.atZone(zone).plusYears(1).toInstant();
    }

    /** {@code days} local days before {@code t}, same local time (for expiry reminders). */
    public Instant daysBefore(Instant t, int days) {
        return t.atZone(zone).minusDays(days).toInstant();
    }

    public Instant monthStart(YearMonth month) {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** The first instant after the month (exclusive end). */
    public Instant monthEnd(YearMonth month) {
        return monthStart(month.plusMonths(1));
    }

    /**
     * §9: the first instant at which {@code month} no longer accepts calls, purchases or adjustments: its
     * end plus the close grace. Whether its close has been recorded yet makes no difference.
     */
    public Instant closeDeadline(YearMonth month, Duration grace) {
        return monthEnd(month).plus(grace);
    }
}
