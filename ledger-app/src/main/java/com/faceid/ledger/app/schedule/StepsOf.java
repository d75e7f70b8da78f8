package com.faceid.ledger.app.schedule;

import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.FreeGrantIssued;
import com.faceid.ledger.event.HoldPlaced;
import com.faceid.ledger.event.HoldStatus;
import com.faceid.ledger.event.PackagePurchased;
import com.faceid.ledger.event.StatementClosed;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Which time-driven steps an event calls for, and when each is due: the schedule's rules, pure (no table, no
 * clock), so they are tested alone (StepsOfTest); {@link ScheduleProjection} writes what this answers.
 *
 * @param grace        a month closes this long after its end ({@code ledger.close-grace})
 * @param reminderDays days before a package's expiry that raise a reminder ({@code ledger.reminder-expiry-days})
 */
record StepsOf(Duration grace, List<Integer> reminderDays) {
    /** The reference of an account's one {@link StepKind#EXPIRE_HOLDS} step. */
    static final String HOLDS = "holds";

    /** One step to schedule: its kind, its reference (month, package, package:days, hold) and when it is due. */
    /**
     * @param ref        what the step is about: a package, a month, the account's holds
     * @param daysBefore an expiry reminder's days before the expiry (0 for every other step)
     */
    record Step(StepKind kind, String ref, int daysBefore, Instant dueAt) {
        Step(StepKind kind, String ref, Instant dueAt) {
            this(kind, ref, 0, dueAt);
        }
    }

    /** The opening month's close. */
    List<Step> of(AccountOpened e) {
        BillingCalendar cal = new BillingCalendar(ZoneId.of(e.zone()));
        return List.of(close(cal, cal.monthOf(e.openedAt())));
    }

    /** The grant's activation (00:00 the next day), its expiry and its expiry reminders. */
    List<Step> of(FreeGrantIssued e, ZoneId zone) {
        List<Step> out = new ArrayList<>(List.of(new Step(StepKind.ACTIVATE_GRANT, e.packageId(), e.effectiveFrom())));
        out.addAll(expiry(e.packageId(), e.expiresAt(), new BillingCalendar(zone)));
        return out;
    }

    /** The package's expiry and its expiry reminders. */
    List<Step> of(PackagePurchased e, ZoneId zone) {
        return expiry(e.packageId(), e.expiresAt(), new BillingCalendar(zone));
    }

    /** The next month's close (the closed month's own step is marked done by the projection). */
    List<Step> of(StatementClosed e, ZoneId zone) {
        return List.of(close(new BillingCalendar(zone), e.month().plusMonths(1)));
    }

    /**
     * A hold still held at its expiry is recorded as expired then; a refused hold holds nothing. One step serves
     * all of an account's holds: due at the earliest expiry (the projection keeps the earlier of two).
     */
    List<Step> of(HoldPlaced e) {
        return e.status() == HoldStatus.HELD ? List.of(new Step(StepKind.EXPIRE_HOLDS, HOLDS, e.expiresAt()))
                : List.of();
    }

    private List<Step> expiry(String packageId, Instant expiresAt, BillingCalendar cal) {
        List<Step> out = new ArrayList<>(List.of(new Step(StepKind.EXPIRE_PACKAGE, packageId, expiresAt)));
        for (int days : reminderDays) {
            out.add(new Step(StepKind.EXPIRY_REMINDER, packageId, days, cal.daysBefore(expiresAt, days)));
        }
        return out;
    }

    private Step close(BillingCalendar cal, YearMonth month) {
        return new Step(StepKind.CLOSE_MONTH, month.toString(), cal.monthEnd(month).plus(grace));
    }
}
