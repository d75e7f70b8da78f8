package com.faceid.ledger.app.statement;

import com.faceid.ledger.app.account.AccountQueries.AccountRow;
import com.faceid.ledger.error.LedgerException;

import java.time.Instant;
import java.time.YearMonth;

/**
 * A month's statement as every event stored before the question has it, answered without waiting for the read
 * models (audit's current folds answer it: statement does not depend on audit, which depends on statement).
 */
public interface StatementsNow {
    /**
     * @param account   the account as its events have it
     * @param statement the month as its events and the clock at the instant asked have it
     */
    record Current(AccountRow account, StatementQueries.Statement statement) {
    }

    /** @throws LedgerException ACCOUNT_NOT_FOUND when the account has no events */
    Current statementNow(String accountId, YearMonth month, Instant now);
}
