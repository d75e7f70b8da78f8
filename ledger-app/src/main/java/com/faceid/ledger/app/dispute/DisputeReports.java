package com.faceid.ledger.app.dispute;

import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.history.FoldCheckpoints;
import com.faceid.ledger.app.limits.FairShare;
import com.faceid.ledger.pricing.BillingPolicy;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.YearMonth;

/** Builds a month's dispute report for the API and the console. */
@Component
public record DisputeReports(AccountQueries accounts, FoldCheckpoints checkpoints, LedgerProperties props,
        BillingPolicy policy, Clock clock, FairShare fairShare) {
    /** The month's dispute report, within the caller's fair share of the node. */
    public DisputeReport report(String accountId, YearMonth m) {
        return fairShare.run("a dispute report", accountId, () -> build(accountId, m));
    }

    private DisputeReport build(String accountId, YearMonth m) {
        AccountQueries.AccountRow account = accounts.require(accountId);
        // the month's calls are recorded from its start (less the allowed clock skew) to its close deadline:
        // only those events are read, and the statement from the latest checkpoint on
        BillingCalendar cal = new BillingCalendar(account.zone());
        cal.requireLived(m, account.openedAt(), clock.instant());
        var monthEvents = checkpoints.recordedBetween(accountId, cal.monthStart(m).minus(props.maxFutureSkew()),
                cal.closeDeadline(m, policy.closeGrace()).plusMillis(1));
        return DisputeReport.build(monthEvents,
                checkpoints.latest(accountId).statement(m, policy, clock.instant()), account.zone(), clock.instant());
    }
}
