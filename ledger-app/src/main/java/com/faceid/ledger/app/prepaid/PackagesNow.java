package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.app.account.AccountQueries.AccountRow;
import com.faceid.ledger.error.LedgerException;

import java.time.Instant;

/**
 * An account's packages as every event stored before the question has them, answered without waiting for the
 * read models (audit's current folds answer it: prepaid does not depend on audit, which depends on prepaid).
 */
public interface PackagesNow {
    /**
     * @param account  the account as its events have it
     * @param packages its packages, and what its holds reserve at the instant asked
     */
    record Current(AccountRow account, PackagesAsOf.PackagesAt packages) {
    }

    /** @throws LedgerException ACCOUNT_NOT_FOUND when the account has no events */
    Current packagesNow(String accountId, Instant now);
}
