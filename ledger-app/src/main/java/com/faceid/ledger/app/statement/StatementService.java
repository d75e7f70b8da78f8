package com.faceid.ledger.app.statement;

import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.web.Requests;
import org.springframework.stereotype.Component;

import com.faceid.ledger.app.axon.ReadModels;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;

/** A month's statement as the API and the console show it: now, or as recorded at an instant. */
@Component
public record StatementService(AccountQueries accounts, StatementQueries statements, StatementsAsOf asOfs,
        StatementsNow current, ReadModels readModels, Clock clock) {
    /**
     * @param month a month of the account's life so far (from its opening month to the clock's)
     * @param asOf  null for now: every event stored before the question, without waiting for the read models;
     *              else the instant whose recorded state is folded from the events
     */
    public StatementView view(String accountId, YearMonth month, OffsetDateTime asOf) {
        Instant now = clock.instant();
        AccountQueries.AccountRow account;
        StatementQueries.Statement s;
        if (asOf == null) {
            StatementsNow.Current c = current.statementNow(accountId, month, now);
            account = c.account();
            s = c.statement();
        } else {
            readModels.awaitAccount(accountId); // the account's row is read from its view
            account = accounts.require(accountId);
            s = null;
        }
        new BillingCalendar(account.zone()).requireLived(month, account.openedAt(), now);
        if (s == null) {
            s = asOfs.statementAt(accountId, month, Requests.asOf(asOf, clock));
        }
        if (s.status() == StatementQueries.Status.CLOSED) {
            // a closed month's digest is its close's link, kept in statement_view: the one part read from a view,
            // so it waits for the account's events to reach the views (a close is rare; a running month never waits)
            readModels.awaitAccount(accountId);
        }
        return StatementView.of(s, account.zone()).withDigest(statements.digest(s));
    }
}
