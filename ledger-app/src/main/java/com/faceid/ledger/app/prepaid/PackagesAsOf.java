package com.faceid.ledger.app.prepaid;

import java.time.Instant;
import java.util.List;

/**
 * An account's packages as the events recorded up to an instant had them (never the read models). A port the
 * audit feature answers from its folds, so prepaid does not depend on audit, which depends on prepaid.
 */
public interface PackagesAsOf {
    List<PackageQueries.PackageRow> packagesAt(String accountId, Instant asOf);
}
