package com.faceid.ledger.app.prepaid;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An account's packages as the events recorded up to an instant had them (never the read models). A port the
 * audit feature answers from its folds, so prepaid does not depend on audit, which depends on prepaid.
 */
public interface PackagesAsOf {
    /**
     * @param packages the packages as the events had them
     * @param held     units reserved then, by package id: holds placed by then, not finished, not expired then
     */
    record PackagesAt(List<PackageQueries.PackageRow> packages, Map<String, Integer> held) {
    }

    PackagesAt packagesAt(String accountId, Instant asOf);
}
