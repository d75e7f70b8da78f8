package com.faceid.ledger.app.account;

import java.time.YearMonth;

/** The last closed month of an account, by the events or by the clock. A port the statement feature answers. */
public interface ClosedMonths {
    YearMonth closedThrough(AccountQueries.AccountRow account);
}
