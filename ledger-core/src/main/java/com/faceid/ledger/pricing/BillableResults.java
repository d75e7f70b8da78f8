package com.faceid.ledger.pricing;

import java.util.Set;

/**
 * Which API result codes are billable (§5). Configuration; the decision is written into each
 * {@link CallMetered}, so a later change of this set never re-prices history.
 */
public record BillableResults(Set<String> codes) {
    public static final String DEFAULT_RESULT = "Success";
    public static final BillableResults STANDARD =
            new BillableResults(Set.of("Success", "IdNameMisMatch", "CompareLowSimilarity"));

    public BillableResults {
        codes = Set.copyOf(codes);
    }

    /** A call without a result code counts as Success. */
    public static String effectiveResult(String resultCode) {
        return resultCode == null || resultCode.isBlank() ? DEFAULT_RESULT : resultCode;
    }

    public boolean isBillable(String resultCode) {
        return codes.contains(effectiveResult(resultCode));
    }
}
