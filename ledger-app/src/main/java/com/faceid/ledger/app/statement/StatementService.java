package com.faceid.ledger.app.statement;

import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.web.Requests;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;

/** A month's statement as the API and the console show it: now, or as recorded at an instant. */
@Component
public record StatementService(AccountQueries accounts, StatementQueries statements, StatementsAsOf asOfs,
        Clock clock) {
    /**
     * @param month a month of the account's life so far (from its opening month to the clock's)
     * @param asOf  null for now; else the instant whose recorded state is folded from the events
     */
    public StatementView view(String accountId, YearMonth month, OffsetDateTime asOf) {
        AccountQueries.AccountRow account = accounts.require(accountId);
        new BillingCalendar(account.zone()).requireLived(month, account.openedAt(), clock.instant());
        StatementQueries.Statement s = asOf == null ? statements.of(account, month)
                : asOfs.statementAt(accountId, month, Requests.asOf(asOf, clock));
        return StatementView.of(s, account.zone()).withDigest(statements.digest(s));
    }
}
