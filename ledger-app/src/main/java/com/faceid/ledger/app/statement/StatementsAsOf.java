package com.faceid.ledger.app.statement;

import java.time.Instant;
import java.time.YearMonth;

/**
 * A month's statement as the events recorded up to an instant had it (never the read models). A port the audit
 * feature answers from its folds, so statement does not depend on audit, which depends on statement.
 */
public interface StatementsAsOf {
    StatementQueries.Statement statementAt(String accountId, YearMonth month, Instant asOf);
}
