package com.faceid.ledger.account;

import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.FreeGrantIssued;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.Catalog;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

import static com.faceid.ledger.account.Account.require;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Opening an account (billing-rules §2, §9): never after the ledger clock nor into a month that no longer accepts
 * calls; the account's zone; one free package per service the catalog grants, usable from 00:00 the next day.
 */
final class Opening {
    private Opening() {
    }

    static void open(OpenAccount cmd, BillingPolicy policy) {
        require(cmd.openedAt() != null, "openedAt is required");
        Instant now = cmd.recordedAt() == null ? cmd.openedAt() : cmd.recordedAt();
        ZoneId billingZone = cmd.zone() == null ? BillingCalendar.DEFAULT_ZONE : ZoneId.of(cmd.zone());
        BillingCalendar cal = new BillingCalendar(billingZone);
        // §9: never after the clock, and never into a month that no longer accepts calls
        if (cmd.openedAt().isAfter(now)) {
            throw new LedgerException(ErrorCode.TIMESTAMP_IN_FUTURE, "openedAt " + cmd.openedAt()
                    + " is after the ledger clock (" + now + "): an account is opened now or in the past");
        }
        YearMonth openingMonth = cal.monthOf(cmd.openedAt());
        if (!Months.acceptsCalls(cal, openingMonth, now, policy)) {
            throw new LedgerException(ErrorCode.PERIOD_CLOSED, "openedAt " + cmd.openedAt() + " falls in "
                    + openingMonth + ", which stopped accepting calls at "
                    + cal.closeDeadline(openingMonth, policy.closeGrace()) + "; open the account in "
                    + Months.firstMonthAcceptingCalls(cal, now, policy) + " or later");
        }
        apply(new AccountOpened(cmd.accountId(), cmd.openedAt(), billingZone.getId(), cmd.postpaidEnabled()));
        // §2: one free package per listed service, once per account, usable from 00:00 the next day.
        Catalog catalog = policy.catalogs().inForceOn(cal.dayOf(cmd.openedAt()));
        Instant from = cal.grantEffectiveFrom(cmd.openedAt());
        for (Service s : catalog.freeGrantServices()) {
            apply(new FreeGrantIssued(cmd.accountId(), "FREE-" + s.name(), s, catalog.freeGrantSize(), from,
                    cal.oneYearAfter(from), catalog.version()));
        }
    }
}
